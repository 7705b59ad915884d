"""Deadlines: wait_for and asyncio.timeout cancel the late work; asyncio.wait(timeout=...) only stops waiting.
Compare with notebook 05, section 4: C#'s CancelAfter (or new CancellationTokenSource(t)) cancels like wait_for, and
task.WaitAsync(t) stops waiting like asyncio.wait, leaving the meals to go on.

    python3 samples/python/timeouts.py --mealtimes 1,2,3 --deadline 2.5 --scale 1

With the defaults A and B eat in time; at 2.5 h wait_for and timeout cancel C, and asyncio.wait returns with C still
eating (it finishes at 3 h). asyncio.timeout is new in Python 3.11: on older versions that part says so and is skipped.
Sections: wait_for, timeout, wait. Events: caller "timed out" (wait_for, timeout) or "stopped waiting" (wait).
Results: for each section, timed_out_at (story hours); for wait also pending (who was still eating then).
"""
import asyncio

from deliveries import Story, hours_text

story = Story(__file__, __doc__, "deadline")
deadline = story.args.deadline * story.scale


async def with_wait_for():
    story.section("wait_for", f"asyncio.wait_for(gather(...), {hours_text(story.args.deadline)} h): cancels the late meal")
    try:
        await asyncio.wait_for(asyncio.gather(*story.round()), timeout=deadline)
    except asyncio.TimeoutError:                   # the builtin TimeoutError since Python 3.11
        story.say("TimeoutError: the late meal was cancelled", "caller", "timed out")
        story.results["wait_for"] = {"timed_out_at": story.hours()}


async def with_timeout():
    story.section("timeout", f"async with asyncio.timeout({hours_text(story.args.deadline)} h): cancels the late meal")
    if not story.needs((3, 11), "asyncio.timeout"):
        return
    try:
        async with asyncio.timeout(deadline):
            await asyncio.gather(*story.round())
    except TimeoutError:
        story.say("TimeoutError: the late meal was cancelled", "caller", "timed out")
        story.results["timeout"] = {"timed_out_at": story.hours()}


async def with_wait():
    story.section("wait", f"asyncio.wait(tasks, timeout={hours_text(story.args.deadline)} h): stops waiting, cancels nothing")
    tasks = [asyncio.create_task(d) for d in story.round()]
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    still_eating = sorted(story.eating)
    story.say(f"stopped waiting: {len(done)} done, {len(pending)} pending ({', '.join(still_eating)} still eating)",
              "caller", "stopped waiting")
    story.results["wait"] = {"timed_out_at": story.hours(), "pending": still_eating}
    await asyncio.gather(*pending)                 # await what you start: nobody stopped the meals


async def main():
    await with_wait_for()
    await with_timeout()
    await with_wait()


asyncio.run(main())
story.finish()
