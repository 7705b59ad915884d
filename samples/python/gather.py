"""Part 2 in Python: the deliveries gathered with asyncio.gather. Compare with samples/04-gather-as-whenall.cs.

    python3 samples/python/gather.py --mealtimes 1,2,3 --scale 1
"""
import asyncio
import time

from deliveries import hours_text, parse_args, say


async def delivery(name, mealtime, scale):
    say(f"Delivered to {name}!", scale)
    await asyncio.sleep(mealtime * scale)      # the event loop serves the other deliveries meanwhile
    say(f"{name} finished eating, took {hours_text(mealtime)} h", scale)
    say(f"{name}'s dishes collected", scale)
    return mealtime


async def main(customers, scale):
    # gather wraps each coroutine in a task, runs them concurrently, and returns results in argument order.
    return await asyncio.gather(*(delivery(name, mealtime, scale) for name, mealtime in customers))


if __name__ == "__main__":
    customers, scale = parse_args("Deliveries gathered with asyncio.gather.")
    start = time.perf_counter()
    results = asyncio.run(main(customers, scale))
    elapsed = time.perf_counter() - start
    print(f"results: [{', '.join(hours_text(r) for r in results)}]")
    print(f"gathered: {elapsed / scale:.2f} story hours ({elapsed:.2f} s); the longest meal is {hours_text(max(m for _, m in customers))} h")
