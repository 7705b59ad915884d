"""asyncio.Semaphore: a lunch rush with only K riders, so at most K deliveries at once.
Compare with notebook 06, section 2 (SemaphoreSlim(K) with await WaitAsync(), and Parallel.ForEachAsync).

    python3 samples/python/semaphore.py --lunch-rush 6 --riders 2 --scale 1

--lunch-rush customers each eat for one story hour; with --riders K the rush takes ceil(N / K) hours, never more than
K meals at once. Results: most_at_once, hours (the whole rush, in story hours), ideal_hours (ceil(N / K)).
"""
import asyncio
import math

from deliveries import Story, customer_name

story = Story(__file__, __doc__, "riders", "lunch_rush")


async def main():
    riders = asyncio.Semaphore(story.args.riders)            # K permits

    async def with_a_rider(name, mealtime):
        async with riders:                                   # wait for a free rider; hand it back at the end
            return await story.delivery(name, mealtime)

    await asyncio.gather(*(with_a_rider(customer_name(i), 1.0) for i in range(story.args.lunch_rush)))
    ideal = math.ceil(story.args.lunch_rush / story.args.riders)
    story.say(f"{story.args.lunch_rush} customers, {story.args.riders} riders: at most {story.most_at_once} meals at "
              f"once, {story.hours():.2f} h (ideal {ideal} h)", "caller", "done")
    story.results.update(most_at_once=story.most_at_once, hours=story.hours(), ideal_hours=ideal)


asyncio.run(main())
story.finish()
