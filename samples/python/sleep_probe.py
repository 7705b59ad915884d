"""How asyncio.sleep keeps time on this machine: the same probe as the C# TimerProbe, timed on the precise clock.
Notebook 01 ("Why the hours are not exact") runs it beside TimerProbe.MeasureAsync with the waits that probe used (one
and three of the .NET timer's ticks), so both languages time the same waits.

    python3 samples/python/sleep_probe.py --mealtimes 0.2,0.6 --scale 0.02   # sleeps of 4 and 12 ms

For about a third of a second, it starts one sleep per mealtime together (gathered), at a random moment within the
shortest one, and records how far each ended from its nominal time on time.perf_counter. asyncio's event loop runs a
timer only once its monotonic clock has reached it, so none should end early; each ends a little late.

Results: samples (sleeps timed), early (how many ended before their time), most_early_ms, most_late_ms.
"""
import asyncio
import random
import time

from deliveries import Story

story = Story(__file__, __doc__)
BUDGET_SECONDS = 0.3


async def timed_sleep(seconds, start):
    await asyncio.sleep(seconds)
    return time.perf_counter() - start


async def probe():
    waits = [m * story.scale for _, m in story.customers]
    rng = random.Random(12345)
    offs = []
    begin = time.perf_counter()
    rounds = 0
    while rounds < 4 or time.perf_counter() - begin + max(waits) < BUDGET_SECONDS:
        spin_until = time.perf_counter() + rng.random() * min(w for w in waits if w > 0)
        while time.perf_counter() < spin_until:   # start at a random moment, as the C# probe does
            pass
        start = time.perf_counter()
        took = await asyncio.gather(*(timed_sleep(w, start) for w in waits))
        offs.extend(t - w for t, w in zip(took, waits))
        rounds += 1
    return offs


offs = asyncio.run(probe())
early = [-o for o in offs if o < 0]
most_early_ms = max(early, default=0) * 1000
most_late_ms = max((o for o in offs if o > 0), default=0) * 1000
story.note(f"asyncio.sleep here: of {len(offs)} sleeps timed just now, {len(early)} ended early"
           f"{f' (by up to {most_early_ms:.3f} ms)' if early else ''} and the latest ended {most_late_ms:.1f} ms late.")
story.results.update(samples=len(offs), early=len(early), most_early_ms=most_early_ms, most_late_ms=most_late_ms)
story.finish()
