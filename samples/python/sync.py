"""Part 1 in Python: the same deliveries done synchronously, one blocking sleep after another.
Compare with samples/01-sync-vs-async.cs and samples/python/gather.py.

    python3 samples/python/sync.py --mealtimes 1,2,3 --scale 1

Results: results (in order), hours (the whole round, in story hours).
"""
import time

from deliveries import Story, hours_text

story = Story(__file__, __doc__)


def delivery(name, mealtime):
    story.say(f"Delivered to {name}!", name, "delivering")
    time.sleep(mealtime * story.scale)           # the only thread waits here and can do nothing else
    story.say(f"{name} finished eating, took {hours_text(mealtime)} h", name, "finished")
    story.say(f"{name}'s dishes collected", name, "collecting")
    return mealtime


if __name__ == "__main__":
    start = time.perf_counter()
    results = [delivery(name, mealtime) for name, mealtime in story.customers]
    elapsed = time.perf_counter() - start
    print(f"results: [{', '.join(hours_text(r) for r in results)}]")
    print(f"one after another: {elapsed / story.scale:.2f} story hours ({elapsed:.2f} s); the sum of the meals is {hours_text(sum(m for _, m in story.customers))} h")
    story.results.update(results=results, hours=elapsed / story.scale)
    story.finish()
