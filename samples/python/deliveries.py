"""Shared command line and printing for the Python originals, so they read side by side with the C# samples."""
import argparse
import time

_start = time.perf_counter()

# The same limits and wording as the C# samples' shared parser (lib/SampleArguments.cs).
MEALTIMES_ALLOWED = "comma-separated story hours, 0 or more, such as 1,2,3"
MIN_SCALE, MAX_SCALE = 0.001, 3600
SCALE_ALLOWED = f"real seconds per story hour, from {MIN_SCALE:g} to {MAX_SCALE:g}, such as 0.1"
MAX_CUSTOMERS = 100
MAX_WAIT_SECONDS = (2**32 - 2) / 1000


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--mealtimes", type=_mealtimes, default=[1.0, 2.0, 3.0],
                        help=f"story hours each customer (A, B, C, ...) eats: {MEALTIMES_ALLOWED} (default 1,2,3)")
    parser.add_argument("--scale", type=_scale, default=1.0,
                        help=f"{SCALE_ALLOWED} (default 1)")
    args = parser.parse_args()
    longest = max(args.mealtimes)
    if longest * args.scale > MAX_WAIT_SECONDS:   # the C# samples' limit too: the longest wait a .NET timer allows
        parser.error(f"argument --mealtimes: a meal of {longest:g} story hours at --scale {args.scale:g} lasts longer "
                     f"than a .NET timer can wait ({MAX_WAIT_SECONDS / 86400:.1f} days); use shorter meals or a smaller --scale")
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
        values = [float("nan")]
    if not all(0 <= v < float("inf") for v in values):   # also refuses NaN, which compares false
        raise argparse.ArgumentTypeError(f"must be {MEALTIMES_ALLOWED}; got '{text}'")
    if len(values) > MAX_CUSTOMERS:
        raise argparse.ArgumentTypeError(f"takes at most {MAX_CUSTOMERS} customers; got {len(values)}")
    return values


def _scale(text):
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not MIN_SCALE <= value <= MAX_SCALE:   # also refuses NaN
        raise argparse.ArgumentTypeError(f"must be {SCALE_ALLOWED}; got '{text}'")
    return value
