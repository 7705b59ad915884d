"""The Python original's first example: main() says hello, waits one story hour without blocking, and says world.
Notebook 01 runs it beside its C# hello, world (top-level await in a cell); samples/01-sync-vs-async.cs does the same
as a program.

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
