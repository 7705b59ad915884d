"""Blocking the event loop's own thread on work that needs that loop: asyncio's form of the classic deadlock. A delivery
queued to the running loop (run_coroutine_threadsafe) cannot start while the loop's one thread waits for its result;
the wait here gives up after an hour instead of waiting forever, and the delivery runs as soon as the thread is let go.
asyncio refuses the other way to block the loop outright: run_until_complete inside a running loop raises.
Compare with notebook 09, section 4: in C#, .Result on a single-threaded SynchronizationContext (a UI thread, or the
course's SingleThreadLoop) waits for a continuation that must run on the very thread it blocks.

    python3 samples/python/blocking_the_loop.py --scale 1

A's delivery lasts a quarter of an hour; the blocking wait gives up after 1 story hour.
Sections: blocked, run_until_complete. Events: caller "blocked", "timed out", "let go"; A's delivery.
Results: blocked: finished_in_time (false when the wait timed out), waited (story hours), result (after letting go);
run_until_complete: raised (the error).
"""
import asyncio
import concurrent.futures

from deliveries import Story

story = Story(__file__, __doc__)
MEAL, GUARD = 0.25, 1.0                                   # story hours: the delivery, and how long the blocked wait lasts


async def blocked():
    story.section("blocked", "the loop's thread blocks on a delivery queued to that same loop")
    loop = asyncio.get_running_loop()
    future = asyncio.run_coroutine_threadsafe(story.delivery("A", MEAL), loop)   # queued to this very loop
    story.say(f"waiting for the result, blocking the loop's thread (at most {GUARD:g} h)", "caller", "blocked")
    finished = True
    try:
        future.result(timeout=GUARD * story.scale)         # the loop cannot run A while its thread waits here
    except concurrent.futures.TimeoutError:
        finished = False
        story.say("timed out: A never started; without the time limit this would wait forever", "caller", "timed out")
    waited = story.hours()
    story.say("letting go of the thread: awaiting instead", "caller", "let go")
    result = await asyncio.wrap_future(future)             # the loop runs A now
    story.results["blocked"] = {"finished_in_time": finished, "waited": waited, "result": result}


async def run_until_complete():
    story.section("run_until_complete", "loop.run_until_complete inside the running loop")
    coroutine = story.delivery("A", MEAL)
    try:
        asyncio.get_running_loop().run_until_complete(coroutine)
    except RuntimeError as e:
        story.say(f"RuntimeError: {e}", "caller", "raised")
        story.results["run_until_complete"] = {"raised": f"RuntimeError: {e}"}
    finally:
        coroutine.close()                                  # it never ran: close it so Python does not warn


async def main():
    await blocked()
    await run_until_complete()


asyncio.run(main())
story.finish()
