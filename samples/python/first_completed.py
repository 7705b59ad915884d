"""The first to finish: asyncio.wait(..., return_when=FIRST_COMPLETED) returns the done and the pending tasks and raises
nothing, even when the first to finish failed; only the task's own result() (or an await of it) raises. The pending
delivery goes on until it is cancelled. With a timeout, asyncio.wait stops waiting and cancels nothing; cancel the
late delivery yourself (asyncio.wait_for does both in one call).
Compare with notebook 09, section 5: C#'s Task.WhenAny returns the first task to end, failed or not, without
throwing; await that task for its result or exception, and cancel the loser through its token.

    python3 samples/python/first_completed.py --mealtimes 1,2,3 --drops-after 1.5 --scale 1

B drops the plate after --drops-after hours while C eats for its whole meal; then D's delivery (C's meal again) is
given half an hour.
Sections: first_completed, timeout. Events: caller "returned", "raised" (or "result"), "cancelled", "timed out"; the deliveries' own.
Results: first_completed: winner, returned_at (when asyncio.wait returned), result_raised (what the winner's result()
raised, or null), loser_cancelled_at;
timeout: timed_out_at, cancelled (true when the late delivery ended cancelled).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__, "drops_after")
slow_name, slow_meal = story.customers[-1]


async def first_completed():
    story.section("first_completed", "asyncio.wait(return_when=FIRST_COMPLETED): B fails first")
    dropped = asyncio.create_task(story.delivery_that_drops(story.unlucky, story.args.drops_after))
    slow = asyncio.create_task(story.delivery(slow_name, slow_meal))
    names = {dropped: story.unlucky, slow: slow_name}
    done, pending = await asyncio.wait({dropped, slow}, return_when=asyncio.FIRST_COMPLETED)   # never raises
    winner = next(iter(done))
    story.say(f"asyncio.wait returned, raising nothing: done = {names[winner]}, "
              f"pending = {', '.join(names[t] for t in pending)}", "caller", "returned")
    returned_at = story.hours()
    result_raised = None
    try:
        story.say(f"{names[winner]}'s result(): {winner.result():g}", "caller", "result")
    except RuntimeError as e:                              # the winner's own exception comes out here
        story.say(f"{names[winner]}'s result() raised: {e}", "caller", "raised")
        result_raised = f"RuntimeError: {e}"
    for task in pending:
        task.cancel()                                      # nobody is waiting for the loser any more: stop it
    await asyncio.gather(*pending, return_exceptions=True)
    story.say("the loser was cancelled", "caller", "cancelled")
    story.results["first_completed"] = {"winner": names[winner], "returned_at": returned_at,
                                        "result_raised": result_raised, "loser_cancelled_at": story.hours()}


async def timeout():
    story.section("timeout", f"asyncio.wait({{work}}, timeout=0.5 h), then cancel the late delivery")
    work = asyncio.create_task(story.delivery("D", slow_meal))
    done, pending = await asyncio.wait({work}, timeout=0.5 * story.scale)   # stops waiting; cancels nothing
    timed_out_at = story.hours()
    if pending:
        story.say("timed out: D is still eating; cancelling it", "caller", "timed out")
        work.cancel()
    await asyncio.gather(work, return_exceptions=True)
    story.results["timeout"] = {"timed_out_at": timed_out_at, "cancelled": work.cancelled()}


async def main():
    await first_completed()
    await timeout()


asyncio.run(main())
story.finish()
