"""Coroutines handed to asyncio.gather late start late: calling a coroutine function runs none of its body, and gather
is what wraps each coroutine in a task. Compare with notebook 04, "WhenAll starts nothing": C# calls start at once.

    python3 samples/python/gather_late.py --mealtimes 1,2,3 --late 1 --scale 1

The caller makes the coroutines, waits --late story hours, then gathers them. Events: each delivery's "delivering",
caller "gathering". Results: results (gather's list), hours (from making the coroutines to gather's end, story hours),
first_delivery (story hours at the first "Delivered to").
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__, "late")


async def main():
    coroutines = story.round()                                # made, and none of their bodies has run
    await asyncio.sleep(story.args.late * story.scale)        # the caller is busy elsewhere
    story.say("gathering the deliveries made earlier", "caller", "gathering")
    results = await asyncio.gather(*coroutines)               # only now does each body start
    first = min(e["t"] for e in story.events if e["what"] == "delivering")
    story.results.update(results=results, hours=story.hours(), first_delivery=first)
    story.say(f"results: {results}; {story.hours():.2f} story hours since the coroutines were made")


asyncio.run(main())
story.finish()
