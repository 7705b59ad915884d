"""The Python side of bench/ScaleBench: asyncio.gather at scale, and the same CPU-bound work four ways.

    python3 bench/python/scale.py gather N [--seconds 1.0]
        N deliveries gathered, each `await asyncio.sleep(seconds)` (the Python original's shape, no printing);
        prints one JSON line: wall seconds and peak RSS. N = 0 is the baseline process.
    python3 bench/python/scale.py cpu --dish-seconds S --dishes D [--workers W]
        D dishes of kitchen work (the xorshift mix of lib/Kitchen.cs, same checksum), each about S seconds on one
        core: one after another, as asyncio tasks, on threads and on processes; the best of three interleaved
        rounds of each, one JSON line per way.
    python3 bench/python/scale.py checksum U
        the checksum of one dish of U units, to check it is the same work as Kitchen.Cook(U) in C#.

Python 3.7 or later, standard library only. Called by `dotnet run -c Release --project bench/ScaleBench`.
"""
import asyncio
import concurrent.futures
import json
import os
import sys
import time

MASK = 0xFFFFFFFFFFFFFFFF


def peak_rss_bytes():
    """This process's peak resident memory. On Linux VmHWM, which starts afresh at exec: ru_maxrss survives exec, so in
    a child of a large process (a notebook kernel) it would report the parent's size."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource  # here, not at the top: Unix only, and the dish below is imported by samples/python/gil.py anywhere
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # KiB on Linux, bytes on macOS


async def delivery(mealtime):
    await asyncio.sleep(mealtime)
    return mealtime


async def gather(n, seconds):
    return await asyncio.gather(*(delivery(seconds) for _ in range(n)))


def run_gather(n, seconds):
    start, cpu_start = time.perf_counter(), time.process_time()
    results = asyncio.run(gather(n, seconds))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    assert len(results) == n
    print(json.dumps({"runtime": "python", "n": n, "wall": wall, "cpu": cpu, "peakRssBytes": peak_rss_bytes()}))


def cook(units):
    """Kitchen.Cook from lib/Kitchen.cs: units x 1,000 rounds of an integer mix, as unsigned 64-bit arithmetic."""
    state = 0x9E3779B97F4A7C15
    for i in range(units * 1000):
        state ^= (state << 13) & MASK
        state ^= state >> 7
        state ^= (state << 17) & MASK
        state = (state + i) & MASK
    return state


async def cook_async(units):
    return cook(units)  # nothing to await: the event loop runs one dish at a time


async def cook_gathered(units, dishes):
    return await asyncio.gather(*(cook_async(units) for _ in range(dishes)))


def units_for(dish_seconds):
    """Like Kitchen.UnitsFor: the units that take about dish_seconds here (best of three probes)."""
    probe = 20
    best = min(timed(lambda: cook(probe)) for _ in range(3))
    return max(1, int(probe * dish_seconds / best))


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_cpu(units, dishes, workers):
    ways = [
        ("sequential", lambda: [cook(units) for _ in range(dishes)]),
        ("asyncio.gather", lambda: asyncio.run(cook_gathered(units, dishes))),
    ]

    def pooled(executor_type):
        with executor_type(max_workers=workers) as pool:
            return list(pool.map(cook, [units] * dishes))

    ways.append(("threads", lambda: pooled(concurrent.futures.ThreadPoolExecutor)))
    ways.append(("processes", lambda: pooled(concurrent.futures.ProcessPoolExecutor)))
    expected = cook(units)
    best = {name: float("inf") for name, _ in ways}
    for _ in range(3):  # three interleaved rounds, the best of each kept: other work on the machine only adds time
        for name, way in ways:
            start = time.perf_counter()
            checksums = way()
            best[name] = min(best[name], time.perf_counter() - start)
            assert checksums == [expected] * dishes, name
    for name, _ in ways:
        print(json.dumps({"runtime": "python", "way": name, "dishes": dishes, "units": units, "wall": best[name]}), flush=True)


def main(argv):
    if len(argv) >= 2 and argv[0] == "gather":
        seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 1.0
        run_gather(int(argv[1]), seconds)
    elif argv and argv[0] == "cpu":
        units = units_for(float(argv[argv.index("--dish-seconds") + 1]))
        dishes = int(argv[argv.index("--dishes") + 1])
        workers = int(argv[argv.index("--workers") + 1]) if "--workers" in argv else (os.cpu_count() or 1)
        run_cpu(units, dishes, workers)
    elif len(argv) == 2 and argv[0] == "checksum":
        print(cook(int(argv[1])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
