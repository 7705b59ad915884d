"""Where an exception comes out: calling an `async def` never raises, because its body has not started (the exception
comes out of the await), while a plain function that checks its arguments and then returns the coroutine raises at
the call. So in gather(A, B, C) with such a B, gather is never called: A's coroutine was made but never runs
("coroutine ... was never awaited"), and C's is never made. Compare with notebook 09, section 3: in C# an async method
stores the exception in its task, a method that checks and then returns a Task throws at the call, and there A's
delivery has already started and runs on with nobody watching it.

    python3 samples/python/where_it_raises.py --mealtimes 1,2,3 --scale 1

The middle customer (B) is given a mealtime of -1 h, which both checks refuse.
Sections: async_def, checked_at_call, in_gather. Events: caller "called", "raised" (at the call or the await),
"caught". Results: async_def and checked_at_call: raised_at ("call" or "await"); in_gather: raised_at, delivered
(who was delivered to), never_awaited (the RuntimeWarnings Python gave).
"""
import asyncio
import gc
import warnings

from deliveries import Story

story = Story(__file__, __doc__)
bad = story.unlucky


async def deliver_checked(name, mealtime):
    """An async def: the check runs when the body starts, that is when the coroutine is awaited."""
    if mealtime < 0:
        raise ValueError(f"{name}'s mealtime must be 0 or more; got {mealtime:g}")
    return await story.delivery(name, mealtime)


def deliver_checked_at_call(name, mealtime):
    """A plain function: checks now, then returns the coroutine for the caller to await."""
    if mealtime < 0:
        raise ValueError(f"{name}'s mealtime must be 0 or more; got {mealtime:g}")
    return story.delivery(name, mealtime)


async def call_then_await(section, title, function):
    """Calls function(bad, -1), then awaits what it returned, and records where the ValueError came out."""
    story.section(section, title)
    raised_at = "call"
    try:
        coroutine = function(bad, -1)
        story.say(f"{function.__name__}('{bad}', -1) returned a coroutine: nothing raised yet", "caller", "called")
        raised_at = "await"
        await coroutine
    except ValueError as e:
        story.say(f"raised at the {raised_at}: ValueError: {e}", "caller", "raised")
    story.results[section] = {"raised_at": raised_at}


async def in_gather():
    story.section("in_gather", f"gather(...) with {bad} checked at the call")
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always")
        try:
            await asyncio.gather(*(deliver_checked_at_call(name, -1 if name == bad else mealtime)
                                   for name, mealtime in story.customers))
        except ValueError as e:
            story.say(f"caught while making gather's arguments: ValueError: {e}", "caller", "caught")
        gc.collect()                                   # the coroutines made before the raise are gone: Python warns
    never_awaited = [str(w.message) for w in caught_warnings if issubclass(w.category, RuntimeWarning)]
    for message in never_awaited:
        story.say(f"RuntimeWarning: {message}", "loop", "warned")
    await asyncio.sleep(0.25 * story.scale)            # a quarter hour: had a delivery started, it would show by now
    delivered = [e["who"] for e in story.events if e["section"] == "in_gather" and e["what"] == "delivering"]
    story.say(f"delivered to: {', '.join(delivered) or 'nobody'}", "caller", "counted")
    story.results["in_gather"] = {"raised_at": "call", "delivered": delivered, "never_awaited": never_awaited}


async def main():
    await call_then_await("async_def", "an async def that checks its argument", deliver_checked)
    await call_then_await("checked_at_call", "a plain function that checks, then returns the coroutine", deliver_checked_at_call)
    await in_gather()


asyncio.run(main())
story.finish()
