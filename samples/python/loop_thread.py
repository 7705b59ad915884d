"""Where a coroutine resumes: always on its event loop's one thread. Compare with notebook 03: after an await, C# code
goes on wherever the awaiting code's context sends it; with no SynchronizationContext (a console program, a notebook,
ASP.NET Core) that is any thread-pool thread, and ConfigureAwait(false) skips the context. asyncio has one model only:
the loop's thread, and no option to leave it; work for another thread is sent there explicitly (asyncio.to_thread).

    python3 samples/python/loop_thread.py

Each customer's delivery notes the thread before and after each of its two awaits; one blocking call goes to another
thread through asyncio.to_thread, and the coroutine that awaited it resumes on the loop's thread again.
Results: loop_thread (the loop's thread id), resume_threads (the distinct threads the deliveries ran on, before and
after their awaits), to_thread_ran_elsewhere (the blocking call ran on another thread), after_to_thread_on_loop.
"""
import asyncio
import threading

from deliveries import Story

story = Story(__file__, __doc__)


async def delivery(name, mealtime, seen):
    seen.add(threading.get_ident())
    await asyncio.sleep(mealtime / 2 * story.scale)      # exit 1
    seen.add(threading.get_ident())
    await asyncio.sleep(mealtime / 2 * story.scale)      # exit 2
    seen.add(threading.get_ident())
    story.step(f"{name} ended its meal on the loop's thread: {threading.get_ident() == loop_thread}", name)


async def main():
    global loop_thread
    loop_thread = threading.get_ident()
    seen = set()
    await asyncio.gather(*(delivery(name, mealtime, seen) for name, mealtime in story.customers))
    elsewhere = await asyncio.to_thread(threading.get_ident)   # a blocking call, sent to a worker thread
    story.results.update(loop_thread=loop_thread, resume_threads=sorted(seen),
                         to_thread_ran_elsewhere=elsewhere != loop_thread,
                         after_to_thread_on_loop=threading.get_ident() == loop_thread)


loop_thread = None
asyncio.run(main())
story.finish()
