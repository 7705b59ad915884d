"""An async function where a plain callback is expected: the callback only makes a coroutine object, which never runs
("coroutine ... was never awaited"), so nothing is delivered and no exception can be seen. Gather the coroutines
instead, and every delivery runs and a failure reaches the caller.
Compare with notebook 09, section 6: C#'s list.ForEach(async o => ...) does run each lambda, as `async void`: ForEach
returns before any meal has ended, nobody can await the work, and an exception escapes past any try/catch.

    python3 samples/python/async_callbacks.py --mealtimes 1,2,3 --drops-after 1.5 --scale 1

for_each(items, action) calls action(item) for each item and ignores what it returns, like C#'s List<T>.ForEach.
The middle customer (B) drops the plate after --drops-after hours.
Sections: for_each, gathered. Events: caller "returned", "caught"; loop "warned"; the deliveries' own.
Results: for each section, delivered (who was delivered to), caught (what the caller caught, or null); for_each also
never_awaited (the RuntimeWarnings Python gave).
"""
import asyncio
import gc
import warnings

from deliveries import Story

story = Story(__file__, __doc__, "drops_after")


def for_each(items, action):
    """Calls action(item) for each item, ignoring what it returns: C#'s List<T>.ForEach."""
    for item in items:
        action(item)


def deliver(customer):
    name, mealtime = customer
    if name == story.unlucky:
        return story.delivery_that_drops(name, story.args.drops_after)
    return story.delivery(name, mealtime)


def delivered(section):
    return [e["who"] for e in story.events if e["section"] == section and e["what"] == "delivering"]


async def with_for_each():
    story.section("for_each", "for_each(customers, async delivery): a coroutine per customer, never awaited")
    caught = None
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always")
        try:
            for_each(story.customers, deliver)             # each call makes a coroutine; for_each drops it
        except RuntimeError as e:
            caught = f"RuntimeError: {e}"
        story.say("for_each returned", "caller", "returned")
        gc.collect()
    for w in caught_warnings:
        story.say(f"RuntimeWarning: {w.message}", "loop", "warned")
    await asyncio.sleep(0.25 * story.scale)            # a quarter hour: had a delivery started, it would show by now
    story.say(f"delivered to: {', '.join(delivered('for_each')) or 'nobody'}; caught: {caught}", "caller", "counted")
    story.results["for_each"] = {"delivered": delivered("for_each"), "caught": caught,
                                 "never_awaited": [str(w.message) for w in caught_warnings]}


async def gathered():
    story.section("gathered", "await asyncio.gather(*tasks), one task per customer")
    tasks = [asyncio.create_task(deliver(customer)) for customer in story.customers]
    caught = None
    try:
        await asyncio.gather(*tasks)
    except RuntimeError as e:
        caught = f"RuntimeError: {e}"
        story.say(f"caught: {e}", "caller", "caught")
    await asyncio.gather(*tasks, return_exceptions=True)   # await what you start: the others eat on to the end
    story.results["gathered"] = {"delivered": delivered("gathered"), "caught": caught}


async def main():
    await with_for_each()
    await gathered()


asyncio.run(main())
story.finish()
