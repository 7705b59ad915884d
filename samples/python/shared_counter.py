"""A shared counter on one event loop: no update is lost between awaits, and updates are lost as soon as an await sits
inside the read-modify-write. Compare with C#, where tasks resume on thread-pool threads that run at the same time:
there even `count++` with no await in it can lose updates (Interlocked.Increment or a lock fixes that), and inside a
single-threaded loop (the course library's SingleThreadLoop) C# behaves like asyncio here.

    python3 samples/python/shared_counter.py --riders 10 --rounds 100

Each of --riders tasks adds 1 to one shared tally --rounds times, yielding to the loop after each addition.
Sections: between_awaits, await_inside, with_lock. Results: for each section, expected, counted and lost.
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__, "riders", "rounds")
tally = 0


async def count_between_awaits():
    global tally
    for _ in range(story.args.rounds):
        tally += 1                          # read, add, write: no await in between, so no other task runs here
        await asyncio.sleep(0)              # the only place another task may run


async def count_with_await_inside():
    global tally
    for _ in range(story.args.rounds):
        seen = tally                        # read...
        await asyncio.sleep(0)              # ...another rider counts here...
        tally = seen + 1                    # ...and this overwrites their count: a lost update


async def count_with_a_lock(lock):
    global tally
    for _ in range(story.args.rounds):
        async with lock:                    # one rider at a time between the read and the write
            seen = tally
            await asyncio.sleep(0)
            tally = seen + 1


async def count(name, title, counters):
    global tally
    story.section(name, title)
    tally = 0
    await asyncio.gather(*counters)
    expected = story.args.riders * story.args.rounds
    story.say(f"expected {expected}, counted {tally}: {expected - tally} updates lost", "tally", "counted")
    story.results[name] = {"expected": expected, "counted": tally, "lost": expected - tally}


async def main():
    riders = range(story.args.riders)
    await count("between_awaits", "tally += 1, then await", [count_between_awaits() for _ in riders])
    await count("await_inside", "read, await, write", [count_with_await_inside() for _ in riders])
    lock = asyncio.Lock()
    await count("with_lock", "read, await, write, under an asyncio.Lock", [count_with_a_lock(lock) for _ in riders])


asyncio.run(main())
story.finish()
