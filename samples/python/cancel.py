"""task.cancel(): the customers give up, and every delivery still eating is cancelled at its await.
Compare with notebook 05, section 3 (CancellationTokenSource.Cancel() and a token passed to every delivery).

    python3 samples/python/cancel.py --mealtimes 1,2,3 --give-up-at 1.5 --scale 1

With the defaults A has eaten by 1.5 h; B and C are cancelled then: [1.0, CancelledError(), CancelledError()].
Python needs no token: cancel() throws CancelledError into the task wherever it awaits. C# has no Task.Cancel();
only work that was handed the token notices.
Events: caller "cancel" when the customers give up. Results: cancelled_at (story hours), statuses ("done" or
"cancelled", per customer), outcomes, cancel_ms (real milliseconds from cancel() until every task had ended).
"""
import asyncio
import time

from deliveries import Story

story = Story(__file__, __doc__, "give_up_at")


async def main():
    tasks = [asyncio.create_task(story.delivery(name, mealtime)) for name, mealtime in story.customers]
    await asyncio.sleep(story.args.give_up_at * story.scale)       # meanwhile, the meals go on
    story.say("the customers give up: cancel() every task", "caller", "cancel")
    cancelled_at, started = story.hours(), time.perf_counter()
    for task in tasks:
        task.cancel()                                              # does nothing to a task that has already ended
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)   # wait until they have stopped: no orphans
    statuses = ["cancelled" if t.cancelled() else "done" for t in tasks]
    story.say(f"outcomes: {outcomes}", "caller", "ended")
    story.results.update(cancelled_at=cancelled_at, statuses=statuses, cancel_ms=(time.perf_counter() - started) * 1000,
                         outcomes=[o if isinstance(o, float) else repr(o) for o in outcomes])


asyncio.run(main())
story.finish()
