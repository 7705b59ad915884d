"""Part 2 in Python: the deliveries gathered with asyncio.gather. Compare with samples/04-gather-as-whenall.cs.

    python3 samples/python/gather.py --mealtimes 1,2,3 --scale 1

Results: results (gather's list, in argument order), hours (the whole gather, in story hours).
"""
import asyncio
import time

from deliveries import Story, hours_text

story = Story(__file__, __doc__)


async def delivery(name, mealtime):
    story.say(f"Delivered to {name}!", name, "delivering")
    await asyncio.sleep(mealtime * story.scale)  # the event loop serves the other deliveries meanwhile
    story.say(f"{name} finished eating, took {hours_text(mealtime)} h", name, "finished")
    story.say(f"{name}'s dishes collected", name, "collecting")
    return mealtime


async def main(customers):
    # gather wraps each coroutine in a task, runs them concurrently, and returns results in argument order.
    return await asyncio.gather(*(delivery(name, mealtime) for name, mealtime in customers))


if __name__ == "__main__":
    start = time.perf_counter()
    results = asyncio.run(main(story.customers))
    elapsed = time.perf_counter() - start
    print(f"results: [{', '.join(hours_text(r) for r in results)}]")
    print(f"gathered: {elapsed / story.scale:.2f} story hours ({elapsed:.2f} s); the longest meal is {hours_text(max(m for _, m in story.customers))} h")
    story.results.update(results=results, hours=elapsed / story.scale)
    story.finish()
