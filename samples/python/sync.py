"""Part 1 in Python: the same deliveries done synchronously, one blocking sleep after another.
Compare with samples/01-sync-vs-async.cs and samples/python/gather.py.

    python3 samples/python/sync.py --mealtimes 1,2,3 --scale 1
"""
import time

from deliveries import hours_text, parse_args, say


def delivery(name, mealtime, scale):
    say(f"Delivered to {name}!", scale)
    time.sleep(mealtime * scale)               # the only thread waits here and can do nothing else
    say(f"{name} finished eating, took {hours_text(mealtime)} h", scale)
    say(f"{name}'s dishes collected", scale)
    return mealtime


if __name__ == "__main__":
    customers, scale = parse_args("Deliveries done synchronously, one after another.")
    start = time.perf_counter()
    results = [delivery(name, mealtime, scale) for name, mealtime in customers]
    elapsed = time.perf_counter() - start
    print(f"results: [{', '.join(hours_text(r) for r in results)}]")
    print(f"one after another: {elapsed / scale:.2f} story hours ({elapsed:.2f} s); the sum of the meals is {hours_text(sum(m for _, m in customers))} h")
