"""gather(..., return_exceptions=True): every outcome, a result or an exception per delivery, in argument order.
Compare with notebook 05, section 2 (Outcome.WhenAllSettled: wait without throwing, then read each task).

    python3 samples/python/return_exceptions.py --mealtimes 1,2,3 --drops-after 1.5 --scale 1

With the defaults: [1.0, RuntimeError('B dropped the plate after 1.5 h'), 3.0], returned when C has eaten, at 3 h.
Results: outcomes (a number, or an exception's repr, per customer), returned_at (story hours).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__, "drops_after")


async def main():
    outcomes = await asyncio.gather(*story.round(story.args.drops_after), return_exceptions=True)   # raises nothing
    story.say(f"outcomes: {outcomes}", "caller", "returned")
    story.results.update(returned_at=story.hours(),
                         outcomes=[o if isinstance(o, float) else repr(o) for o in outcomes])


asyncio.run(main())
story.finish()
