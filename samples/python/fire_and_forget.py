"""Fire and forget: a task nobody awaits fails, and only the event loop hears of it ("Task exception was never
retrieved", reported when the forgotten task is destroyed). Keep the task and await it, and the caller catches the
failure. Compare with notebook 03: in C# a faulted Task nobody observes raises TaskScheduler.UnobservedTaskException
only when the garbage collector finalizes it (ignored by default), and an exception from `async void` goes to the
SynchronizationContext or, with none, crashes the process.

    python3 samples/python/fire_and_forget.py --scale 1

The loop only keeps weak references to tasks, so a task with no other reference may even vanish before it ends: keep
a reference to every task you create. Without the handler below, asyncio logs the same message to stderr, with a
traceback. Sections: forgotten, kept. Events: loop "reported" (the loop's exception handler ran), caller "caught".
Results: reported (the loop's message), reported_at (story hours), caught (the exception the caller caught).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


async def rider():
    story.say("the rider sets off", "rider", "started")
    await asyncio.sleep(0.5 * story.scale)
    story.say("the rider crashes", "rider", "failed")
    raise RuntimeError("the rider crashed, and nobody was told")


def report(loop, context):                                   # asyncio calls this for errors nobody handled
    story.say(f"the event loop reports: {context['message']}: {context.get('exception')!r}", "loop", "reported")
    story.results.update(reported=context["message"], reported_at=story.hours())


async def forgotten():
    story.section("forgotten", "create_task(...) and forget it")
    asyncio.get_running_loop().set_exception_handler(report)
    asyncio.create_task(rider())                             # nobody keeps the task, nobody awaits it
    story.say("the caller goes on with its own work", "caller", "goes on")
    await asyncio.sleep(1 * story.scale)
    story.say("the caller is done, and never learned of the crash", "caller", "done")


async def kept():
    story.section("kept", "keep the task and await it")
    task = asyncio.create_task(rider())
    story.say("the caller goes on with its own work", "caller", "goes on")
    try:
        await task
    except RuntimeError as e:
        story.say(f"caught: {e}", "caller", "caught")
        story.results["caught"] = repr(e)


async def main():
    await forgotten()
    await kept()


asyncio.run(main())
story.finish()
