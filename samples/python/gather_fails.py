"""asyncio.gather raises the first failure at once, while the other deliveries run on with nobody waiting for them.
Compare with notebook 05, section 1, where C#'s Task.WhenAll waits for every task to end and only then throws.

    python3 samples/python/gather_fails.py --mealtimes 1,2,3 --drops-after 1.5 --scale 1

With the defaults B drops the plate at 1.5 h and gather raises right then; C is still eating, and finishes at 3 h.
Events: caller "caught" when gather raised. Results: raised_at (story hours), exception, still_eating (who was still
eating when gather raised).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__, "drops_after")


async def main():
    try:
        await asyncio.gather(*story.round(story.args.drops_after))   # gather wraps each coroutine in a task
    except RuntimeError as e:
        story.say(f"caught: {e}", "caller", "caught")
        story.results.update(raised_at=story.hours(), exception=repr(e), still_eating=sorted(story.eating))
    if story.eating:
        story.say(f"still eating: {', '.join(sorted(story.eating))}; gather cancelled nothing, and nobody waits for them now")
    # asyncio.run cancels every task still running when main() returns: wait for them here, to see them finish.
    others = asyncio.all_tasks() - {asyncio.current_task()}
    if others:
        await asyncio.wait(others)


asyncio.run(main())
story.finish()
