"""Who runs first: a coroutine object runs nothing until awaited; create_task starts the body only when the caller
next yields to the event loop. Compare with notebooks 03 and 04: calling a C# async method runs its body at once,
synchronously, up to the first await of something unfinished, before the caller gets its Task back.
(Python's exact analogue of a C# call is an eager task, Python 3.12+: see eager_tasks.py.)

    python3 samples/python/create_task_order.py

story.traced_body() (in deliveries.py) says "body starts", awaits asyncio.sleep(0), then says "after await".
Sections: coroutine, create_task. Results: order (per section, the steps in the order they happened).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


async def main():
    story.section("coroutine", "calling a coroutine function: a lazy coroutine object")
    story.step("calling traced_body()", "caller")
    coroutine = story.traced_body()                                # nothing runs yet
    story.step("got a coroutine object", "caller")
    await coroutine                                       # now the body runs, inside this await
    story.results["order"] = {"coroutine": story.order[:]}

    story.order.clear()
    story.section("create_task", "asyncio.create_task: scheduled, started when the caller next yields")
    story.step("calling create_task(traced_body())", "caller")
    task = asyncio.create_task(story.traced_body())                # scheduled, not started
    story.step("got a task back", "caller")
    await task                                            # the caller yields: the loop starts the body now
    story.results["order"]["create_task"] = story.order[:]


asyncio.run(main())
story.finish()
