"""Awaitables: `await` consumes one (a coroutine object, a Task, a Future, or any object with __await__); it does not
create one. A coroutine object can be awaited once, a Task any number of times, and an object of your own becomes
awaitable by writing __await__. Compare with notebook 03: a C# Task can be awaited any number of times, a ValueTask
only once, and any type with a GetAwaiter() method can be awaited.

    python3 samples/python/awaitables.py --mealtimes 1 --scale 1

Sections: once (a coroutine awaited twice, then a task awaited twice), await_protocol (a Meal written by hand, awaited
for the first customer's mealtime). Events: caller "awaiting" and "resumed", a Meal "ended".
Results: coroutine_again (what a second await of one coroutine raised), task_again (a task's result, awaited twice),
meal (what awaiting the Meal returned), meal_hours (story hours the await took).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


class Meal:
    """An awaitable written by hand, with no coroutine inside: __await__ is a generator that yields a Future."""

    def __init__(self, name, hours):
        self.name, self.hours = name, hours

    def __await__(self):
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        loop.call_later(self.hours * story.scale, self._end, done)
        return (yield from done)      # the Task running our caller parks on `done`; its result becomes the await's value

    def _end(self, done):
        story.say(f"{self.name}'s meal ended", self.name, "ended")
        done.set_result(self.hours)


async def delivery():
    await asyncio.sleep(0)
    return 1


async def once():
    story.section("once", "await consumes an awaitable: a coroutine once, a task any number of times")
    coroutine = delivery()
    story.say(f"first await of the coroutine: {await coroutine}", "caller", "resumed")
    try:
        await coroutine
    except RuntimeError as e:
        story.say(f"second await of the same coroutine raised RuntimeError: {e}", "caller", "raised")
        story.results["coroutine_again"] = str(e)
    task = asyncio.create_task(delivery())
    first, second = await task, await task
    story.say(f"a task awaited twice: {first}, then {second}", "caller", "resumed")
    story.results["task_again"] = [first, second]


async def await_protocol():
    story.section("await_protocol", "an awaitable written by hand: __await__")
    name, hours = story.customers[0]
    story.say(f"awaiting Meal({name!r}, {hours:g})", "caller", "awaiting")
    result = await Meal(name, hours)
    story.say(f"the await returned {result:g}", "caller", "resumed")
    story.results.update(meal=result, meal_hours=story.hours())


async def main():
    await once()
    await await_protocol()


asyncio.run(main())
story.finish()
