"""CPU-bound cooking in Python: the global interpreter lock (GIL) lets one thread run Python bytecode at a time.
Compare with notebook 02, section 5: in C# Parallel.For and Task.Run cook on every core at once, in one process.

    python3 samples/python/gil.py --dishes 8

Cooks --dishes dishes of pure-Python work (about 40 ms each here) four ways: one after another; gathered as async def
coroutines that never await (the event loop runs one at a time); gathered through asyncio.to_thread (threads, which
the GIL lets run bytecode one at a time); gathered through a process pool (one interpreter, and one GIL, per process).
Three interleaved rounds; each way's fastest counts, since other work on the machine only adds time.
Results: cores (os.cpu_count()), dishes, ms (fastest real milliseconds: sequential, asyncio, threads, processes),
speedup (sequential's time over each way's), threads (how many threads cooked in the threads way), same_dishes (true
when every way cooked exactly what sequential cooked).
"""
import asyncio
import concurrent.futures
import os
import sys
import threading
import time

from deliveries import Story

# The dish is the benchmark's (bench/python/scale.py): lib's Kitchen.Cook in pure Python, the same checksum.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "python"))
from scale import cook as cook_dish, units_for  # noqa: E402

DISH_SECONDS = 0.04
ROUNDS = 3
cooks = set()


def cook(units):
    """One dish of pure Python CPU work, which holds the GIL while it runs; notes which thread cooked it."""
    cooks.add(threading.get_ident())
    return cook_dish(units)


async def sequential(units, dishes, _):
    return [cook(units) for _ in range(dishes)]


async def asyncio_only(units, dishes, _):
    async def dish():
        return cook(units)                  # nothing to await: the loop runs this dish to the end before the next
    return await asyncio.gather(*(dish() for _ in range(dishes)))


async def threads(units, dishes, _):
    return await asyncio.gather(*(asyncio.to_thread(cook, units) for _ in range(dishes)))


async def processes(units, dishes, pool):
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, cook, units) for _ in range(dishes)))


async def main(story):
    dishes, units = story.args.dishes, units_for(DISH_SECONDS)
    expected = [cook(units)] * dishes
    ways = {"sequential": sequential, "asyncio": asyncio_only, "threads": threads, "processes": processes}
    fastest = {name: float("inf") for name in ways}
    same, cooked_on = True, 0
    with concurrent.futures.ProcessPoolExecutor() as pool:
        await processes(units, 1, pool)     # the pool's processes start here, not inside a timed round
        for _ in range(ROUNDS):
            for name, way in ways.items():
                cooks.clear()
                started = time.perf_counter()
                cooked = await way(units, dishes, pool)
                fastest[name] = min(fastest[name], (time.perf_counter() - started) * 1000)
                same = same and cooked == expected
                if name == "threads":
                    cooked_on = len(cooks)
    speedup = {name: fastest["sequential"] / ms for name, ms in fastest.items()}
    for name in ways:
        story.note(f"{name + ':':12} {fastest[name]:8.1f} ms for {dishes} dishes, x{speedup[name]:.2f}")
    story.results.update(cores=os.cpu_count(), dishes=dishes, ms=fastest, speedup=speedup, threads=cooked_on,
                         same_dishes=same)


if __name__ == "__main__":                  # the process pool's workers import this file too: only the parent runs it
    story = Story(__file__, __doc__, "dishes")
    if story.needs((3, 9), "asyncio.to_thread"):
        asyncio.run(main(story))
    story.finish()
