"""Gathering the same deliveries twice: a generator of coroutines is used up by the first gather, a coroutine cannot be
awaited twice, and a list of tasks can be gathered as often as you like, each delivery running once.
Compare with notebook 09, section 1: in C#, `deliveries.Select(d => DeliverAsync(...))` is a recipe that delivers
everything again each time it is enumerated, and `.ToArray()` starts each delivery once, like the list of tasks here.

    python3 samples/python/gather_twice.py --mealtimes 1,2,3 --scale 1

Sections: generator, coroutines, tasks. Events: caller "gathered" after each gather, "raised" when one raises.
Results: for each section, made (deliveries started before the first gather), first and second (deliveries started
after the first and the second gather); for coroutines also raised (what the second gather raised).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


def delivered(section):
    """How many "Delivered to" lines the section has printed so far."""
    return sum(1 for e in story.events if e["section"] == section and e["what"] == "delivering")


async def gather_twice(section, deliveries):
    made = delivered(section)
    story.say(f"made the deliveries: {made} delivered so far", "caller", "made")
    await asyncio.gather(*deliveries)
    first = delivered(section)
    story.say(f"after the first gather: {first} delivered", "caller", "gathered")
    result = {"made": made, "first": first}
    try:
        await asyncio.gather(*deliveries)
    except RuntimeError as e:                              # a coroutine object can be awaited only once
        story.say(f"the second gather raised RuntimeError: {e}", "caller", "raised")
        result["raised"] = f"RuntimeError: {e}"
    result["second"] = delivered(section)
    story.say(f"after the second gather: {result['second']} delivered", "caller", "gathered")
    story.results[section] = result


async def main():
    story.section("generator", "a generator of coroutines, gathered twice")
    await gather_twice("generator", (story.delivery(name, mealtime) for name, mealtime in story.customers))

    story.section("coroutines", "a list of coroutines, gathered twice")
    await gather_twice("coroutines", [story.delivery(name, mealtime) for name, mealtime in story.customers])

    story.section("tasks", "a list of tasks, gathered twice")
    await gather_twice("tasks", [asyncio.create_task(story.delivery(name, mealtime)) for name, mealtime in story.customers])


asyncio.run(main())
story.finish()
