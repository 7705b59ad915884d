"""asyncio.TaskGroup (Python 3.11+): when one task fails, the group cancels the others, waits for all of them, and
raises an ExceptionGroup of every failure. Compare with notebook 06, section 4 (the course library's TaskGroup: a
shared CancellationTokenSource plus Task.WhenAll, and an AggregateException; .NET has no task group of its own).

    python3 samples/python/task_group.py --mealtimes 1,2,3 --drops-after 1.5 --scale 1

With the defaults A has eaten by 1.5 h; B drops the plate then, the group cancels C at once, and the ExceptionGroup
holds B's failure alone (a task the group cancelled is not a failure). On Python before 3.11 the script says so and is
skipped. Events: caller "caught" when the group raised. Results: raised_at (story hours), failures (reprs),
statuses ("done", "failed" or "cancelled", per customer).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__, "drops_after")


def status(task):
    return "cancelled" if task.cancelled() else "failed" if task.exception() else "done"


async def main():
    tasks = []
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(delivery) for delivery in story.round(story.args.drops_after)]
        # the block ends only when every task in the group has ended
    except ExceptionGroup as failures:            # `except* RuntimeError` picks out one kind (3.11 syntax)
        story.say(f"caught {failures!r}", "caller", "caught")
        story.results.update(raised_at=story.hours(), failures=[repr(e) for e in failures.exceptions])
    story.results["statuses"] = [status(t) for t in tasks]
    story.say(f"statuses: {', '.join(f'{name} {s}' for (name, _), s in zip(story.customers, story.results['statuses']))}")


if story.needs((3, 11), "asyncio.TaskGroup"):
    asyncio.run(main())
story.finish()
