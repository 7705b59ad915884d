"""A Future never runs its awaiters inline: set_result returns first, and every task awaiting the future resumes later,
one at a time, when the event loop gets to it. Compare with notebook 03: .NET runs the first awaiter of a Task inline,
inside SetResult, on the completing thread, unless the TaskCompletionSource was made with
TaskCreationOptions.RunContinuationsAsynchronously.

    python3 samples/python/future_callbacks.py

Three tasks await one future; the kitchen completes it with set_result. asyncio's Future schedules each callback with
loop.call_soon (Lib/asyncio/futures.py: "Callbacks registered with add_done_callback() are always called via the event
loop's call_soon()"), and a task waiting on a future resumes through such a callback.
Events: each step, with who ("kitchen", "awaiter 1", ...). Results: order (the steps in the order they happened),
inline (how many awaiters resumed before set_result returned).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


async def awaiter(name, meal):
    await meal                                           # parks this task on the future
    story.step(f"{name} resumed", name)


async def main():
    meal = asyncio.get_running_loop().create_future()
    awaiters = [asyncio.create_task(awaiter(f"awaiter {i}", meal)) for i in (1, 2, 3)]
    await asyncio.sleep(0)                               # let each awaiter start and wait on the future
    story.step("calling set_result", "kitchen")
    meal.set_result(1)                                   # schedules the awaiters' callbacks; runs none of them
    story.step("set_result returned", "kitchen")
    await asyncio.gather(*awaiters)
    inline = story.order.index("set_result returned") - story.order.index("calling set_result") - 1
    story.results.update(order=story.order, inline=inline)


asyncio.run(main())
story.finish()
