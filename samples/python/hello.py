"""The Python original's first example: main() says hello, waits one story hour without blocking, and says world.
Compare with notebook 03 (asyncio.run and async Task Main) and notebook 01 (await Task.Delay).

    python3 samples/python/hello.py --scale 1

asyncio.run(main()) starts an event loop, runs main() until it returns, and closes the loop. In C# there is no loop
to start: a program's top-level statements may await (the compiler writes an async Main), and so may a notebook cell.

Events: main "hello" at 0 h and main "world" at 1 h. Results: coroutine (what calling main() returned).
"""
import asyncio

from deliveries import Story

story = Story(__file__, __doc__)


async def main():
    story.say("hello", "main", "hello")
    await asyncio.sleep(1 * story.scale)         # the original: await asyncio.sleep(1)
    story.say("world", "main", "world")


coroutine = main()                               # calling a coroutine function runs nothing yet...
story.results["coroutine"] = type(coroutine).__name__
story.say(f"main() returned a {type(coroutine).__name__} object; nothing has run yet")
asyncio.run(coroutine)                           # ...asyncio.run runs it to the end
story.finish()
