"""Your own cancellable coroutine: cancel() lands at its next await, and asyncio.timeout turns that cancellation into a
TimeoutError, so the caller can tell its own cancel from a timeout. Compare with notebook 05, section 5 (a
CancellationToken parameter passed down to Task.Delay, ThrowIfCancellationRequested between CPU steps, and a linked
token for the caller and a timeout).

    python3 samples/python/cancellable.py --dishes 3 --give-up-at 1.5 --deadline 2.5 --scale 1

prepare() cooks --dishes dishes, one story hour each (await asyncio.sleep), and plates each one (a few CPU steps with no
await: asyncio can cancel nothing there, so it needs no check). Three runs: nobody cancels; the caller cancels the task
at --give-up-at; async with asyncio.timeout(--deadline). Sections: finished, caller, timeout. Events: caller "finished",
"cancelled" or "timed out". Results: for each section, outcome ("finished", "CancelledError" or "TimeoutError"), at
(story hours) and plated (how many dishes were plated).
"""
import asyncio

from deliveries import Story, hours_text

story = Story(__file__, __doc__, "dishes", "give_up_at", "deadline")
plated = 0


async def prepare(dishes):
    """Cooks and plates `dishes` dishes. No token: cancel() throws CancelledError in at the next await."""
    global plated
    for dish in range(1, dishes + 1):
        await asyncio.sleep(story.scale)            # cooking, one story hour: where a cancel lands
        sum(i * i for i in range(20_000))           # plating, CPU work between awaits: nothing can cancel it
        plated += 1
    return dishes


async def run(section, title, go):
    global plated
    story.section(section, title)
    plated = 0
    try:
        await go()
        outcome, what = "finished", "finished"
    except asyncio.CancelledError:
        outcome, what = "CancelledError", "cancelled"
    except TimeoutError:                            # asyncio.timeout raises the builtin TimeoutError (Python 3.11+)
        outcome, what = "TimeoutError", "timed out"
    story.say(f"{outcome}; dishes plated: {plated}", "caller", what)
    story.results[section] = {"outcome": outcome, "at": story.hours(), "plated": plated}


async def caller_cancels():
    task = asyncio.create_task(prepare(story.args.dishes))
    await asyncio.sleep(story.args.give_up_at * story.scale)
    task.cancel()                                   # the caller gives up
    await task                                      # raises CancelledError: the task has stopped


async def with_timeout():
    async with asyncio.timeout(story.args.deadline * story.scale):   # cancels the body, then raises TimeoutError
        await prepare(story.args.dishes)


async def main():
    dishes = story.args.dishes
    await run("finished", f"prepare({dishes}): nobody cancels", lambda: prepare(dishes))
    await run("caller", f"the caller cancels at {hours_text(story.args.give_up_at)} h", caller_cancels)
    if story.needs((3, 11), "asyncio.timeout"):
        await run("timeout", f"asyncio.timeout({hours_text(story.args.deadline)} h)", with_timeout)


asyncio.run(main())
story.finish()
