"""asyncio.as_completed: each delivery handled as it finishes, whatever order they started in.
Compare with notebook 06, section 1 (await foreach over Task.WhenEach, .NET 9 and later).

    python3 samples/python/as_completed.py --mealtimes 1,2,3 --scale 1

The deliveries start in reverse, longest meal first (C, B, A); as_completed hands them back shortest first (A, B, C),
while gather's results stay in argument order.
Events: caller "handled" as each comes back. Results: completion_order (names), gather_results (argument order).
"""
import asyncio

from deliveries import Story, hours_text

story = Story(__file__, __doc__)


async def named_delivery(name, mealtime):
    return name, await story.delivery(name, mealtime)


async def main():
    reversed_customers = list(reversed(story.customers))          # C, B, A: the longest meal first
    tasks = [asyncio.create_task(named_delivery(name, mealtime)) for name, mealtime in reversed_customers]
    completion_order = []
    for next_done in asyncio.as_completed(tasks):                  # in the order they finish
        name, mealtime = await next_done
        completion_order.append(name)
        story.say(f"{name}'s dishes are back ({hours_text(mealtime)} h)", "caller", "handled")
    results = await asyncio.gather(*tasks)                         # already done: results in argument order
    story.say(f"completion order: {', '.join(completion_order)}; gather's results, in argument order: "
              f"{[mealtime for _, mealtime in results]}")
    story.results.update(completion_order=completion_order, gather_results=[mealtime for _, mealtime in results])


asyncio.run(main())
story.finish()
