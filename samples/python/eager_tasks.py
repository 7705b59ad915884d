"""Eager tasks (Python 3.12+): with asyncio.eager_task_factory, create_task runs the body at once, synchronously, up
to its first await that really waits, exactly as calling a C# async method does (notebooks 03 and 04). A body that
never waits even finishes inside create_task, like a C# method that returns an already completed Task.

    python3 samples/python/eager_tasks.py

story.traced_body() (in deliveries.py) says "body starts", awaits asyncio.sleep(0), then says "after await".
On Python before 3.12 this says so in one line and is skipped (compare create_task_order.py, which runs anywhere).
Events: each step, with who ("caller" or "delivery"). Results: order (the steps in the order they happened),
done_at_once (whether a task whose body never waits was already done when create_task returned).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


async def no_wait():
    return "ready"                                        # never awaits anything


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    story.step("calling create_task(traced_body())", "caller")
    task = asyncio.create_task(story.traced_body())                # the body runs now, up to its first real wait
    story.step("got a task back", "caller")
    await task
    ready = asyncio.create_task(no_wait())
    story.say(f"a task whose body never waits is done when create_task returns: {ready.done()}", "caller", "done at once")
    story.results.update(order=story.order, done_at_once=ready.done())
    await ready


if story.needs((3, 12), "asyncio.eager_task_factory"):
    asyncio.run(main())
story.finish()
