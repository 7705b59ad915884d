"""Shared command line and printing for the Python originals, so they read side by side with the C# samples."""
import argparse
import time

_start = time.perf_counter()


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--mealtimes", type=_mealtimes, default=[1.0, 2.0, 3.0],
                        help="story hours each customer (A, B, C, ...) eats, comma-separated (default 1,2,3)")
    parser.add_argument("--scale", type=_scale, default=1.0,
                        help="real seconds per story hour, greater than 0 (default 1)")
    args = parser.parse_args()
    customers = [(chr(ord("A") + i % 26) + ("" if i < 26 else str(i // 26 + 1)), m) for i, m in enumerate(args.mealtimes)]
    return customers, args.scale


def say(line, scale):
    """Prints a line stamped with the story time, like the C# Courier does."""
    hours = (time.perf_counter() - _start) / scale
    print(f"[t={hours:5.2f} h] {line}", flush=True)


def hours_text(mealtime):
    return f"{mealtime:g}"


def _mealtimes(text):
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be comma-separated numbers of story hours, such as 1,2,3; got '{text}'")
    if any(v != v or v < 0 or v == float("inf") for v in values):
        raise argparse.ArgumentTypeError(f"must be 0 or more story hours each; got '{text}'")
    return values


def _scale(text):
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"must be a number of real seconds per story hour greater than 0; got '{text}'")
    return value
