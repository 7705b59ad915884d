"""Part 1 in Python: overlapping the waits without gather. Each delivery is made a task with asyncio.create_task (the loop
runs it as soon as main awaits), then the tasks are awaited one by one. Compare with samples/01-sync-vs-async.cs.

    python3 samples/python/start_then_await.py --mealtimes 1,2,3 --scale 1

Results: results (in the order the tasks were made), hours (the whole round, in story hours).
"""
import asyncio
import time

from deliveries import Story, hours_text

story = Story(__file__, __doc__)


async def main():
    # story.round() is one delivery coroutine per customer (deliveries.py: Delivered to..., asyncio.sleep, finished).
    tasks = [asyncio.create_task(delivery) for delivery in story.round()]  # every delivery scheduled
    return [await task for task in tasks]  # awaiting the first lets the loop run them all


if __name__ == "__main__":
    start = time.perf_counter()
    results = asyncio.run(main())
    elapsed = time.perf_counter() - start
    print(f"results: [{', '.join(hours_text(r) for r in results)}]")
    print(f"started, then each awaited: {elapsed / story.scale:.2f} story hours ({elapsed:.2f} s); the longest meal is {hours_text(max(m for _, m in story.customers))} h")
    story.results.update(results=results, hours=elapsed / story.scale)
    story.finish()
