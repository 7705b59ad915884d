"""Async file I/O, the asyncio way: Python's standard library has no asynchronous file API, and aiofiles (the async file
library Python programs reach for) runs each blocking file call on a thread pool, through loop.run_in_executor. So does
asyncio.to_thread (Python 3.9+), used here so that nothing needs installing.
Compare with notebook 07: File.WriteAllTextAsync, FileStream with FileOptions.Asynchronous and File.ReadLinesAsync,
which on Linux also hand each read and write to thread-pool threads.

    python3 samples/python/async_files.py --files 20

Writes --files files of 16 KiB each into a fresh temporary folder three ways: one by one on the event loop's own thread
(blocking it), one by one through to_thread (each awaited before the next), and all gathered through to_thread; then
reads them all back, gathered, and checks every one; then deletes the folder. Each way runs 3 times; the median counts.
Results: files, file_bytes, ms (median real milliseconds: blocking, one_by_one, gathered, read_back), threads (how
many threads did the gathered writes), all_read_back (true when every file read back as written).
"""
import asyncio
import os
import statistics
import tempfile
import threading
import time

from deliveries import Story

story = Story(__file__, __doc__, "files")
FILE_BYTES = 16 * 1024
ROUNDS = 3
threads = set()


def text_of(i):
    line = f"order {i}: soup, bread, and a slice of lemon tart\n"
    return (line * (FILE_BYTES // len(line) + 1))[:FILE_BYTES - 1] + "\n"      # whole lines, like the C# demo


def write_file(path, text):                         # blocking: the thread waits for the operating system
    threads.add(threading.get_ident())
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read_file(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


async def blocking(paths):
    for i, path in enumerate(paths):
        write_file(path, text_of(i))                # no await: the event loop can run nothing else meanwhile


async def one_by_one(paths):
    for i, path in enumerate(paths):
        await asyncio.to_thread(write_file, path, text_of(i))


async def gathered(paths):
    await asyncio.gather(*(asyncio.to_thread(write_file, path, text_of(i)) for i, path in enumerate(paths)))


async def read_back(paths):
    texts = await asyncio.gather(*(asyncio.to_thread(read_file, path) for path in paths))
    return all(text == text_of(i) for i, text in enumerate(texts))


async def median_ms(way, paths):
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        result = await way(paths)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


async def main(folder):
    paths = [os.path.join(folder, f"order-{i:05}.txt") for i in range(story.args.files)]
    ms = {}
    for way in (blocking, one_by_one, gathered):
        threads.clear()
        ms[way.__name__], _ = await median_ms(way, paths)
        story.note(f"{way.__name__ + ':':12} {ms[way.__name__]:8.2f} ms for {len(paths)} files, on {len(threads)} thread(s)")
    gathered_threads = len(threads)
    ms["read_back"], all_read_back = await median_ms(read_back, paths)
    story.note(f"{'read back:':12} {ms['read_back']:8.2f} ms, gathered; every file as written: {all_read_back}")
    story.results.update(files=len(paths), file_bytes=FILE_BYTES, ms=ms, threads=gathered_threads,
                         all_read_back=all_read_back)


if story.needs((3, 9), "asyncio.to_thread"):
    with tempfile.TemporaryDirectory(prefix="async-files-") as folder:   # deleted at the end, whatever happens
        asyncio.run(main(folder))
story.finish()
