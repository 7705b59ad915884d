"""Shared command line, printing and deliveries for the Python originals, so they read side by side with the C# samples.

Every script prints its story as it happens, each line stamped with the story time (`[t= 1.50 h] ...`). With `--json`
it also prints ONE last line, a JSON object that C# reads (lib/Python/PythonRun.cs), the same layout for every script:

    {"schema": 1,                          the layout's version
     "script": "gather_fails.py",          the script's file name
     "python": "3.11.7",                   the interpreter that ran it
     "scale": 0.05,                        real seconds per story hour
     "mealtimes": [1.0, 2.0, 3.0],         story hours of A, B, C, ...
     "events": [                           every stamped line, in the order printed
        {"section": "gather",              the part of the script it belongs to (null in a script without parts)
         "t": 1.5012,                      story hours since that part began
         "who": "B",                       a customer (A, B, ...), "caller", "loop", ... (null for narration)
         "what": "failed",                 what happened (null for narration): "delivering", "finished", "collecting",
                                           "failed", "cancelled" for a delivery (the C# Phase names where one fits),
                                           or a word the script documents, such as "caught"
         "text": "B dropped the plate after 1.5 h: the delivery failed"}, ...],
     "results": {...},                     what the script found, named in its docstring; a part that this Python
                                           cannot run is named in "skipped_sections": {"timeout": "why"}
     "skipped": null}                      or why the whole script could not run here, in one line:
                                           "asyncio.eager_task_factory needs Python 3.12 or later; this is Python 3.11.7"

A skipped script still exits with 0: it did what it could. Any other failure exits with another code.
"""
import argparse
import asyncio
import decimal
import json
import os
import platform
import sys
import time

# The same limits and wording as the C# samples' shared parser (samples/Support/SampleArguments.cs), so that one
# command line runs both or is refused by both: StoryClock.MinSecondsPerHour to MaxSecondsPerHour, and a wait other
# than 0 of at least StoryClock.MinRealDelay (1 ms, the shortest a .NET timer makes).
MEALTIMES_ALLOWED = "comma-separated story hours, 0 or more, such as 1,2,3"
MIN_SCALE, MAX_SCALE = 0.02, 3600
SCALE_ALLOWED = f"real seconds per story hour, from {MIN_SCALE:g} to {MAX_SCALE:g}"
MAX_CUSTOMERS = 100
MAX_WAIT_SECONDS = (2**32 - 2) / 1000
MIN_WAIT_SECONDS = 0.001
MAX_COUNT = 100_000
JSON_SCHEMA = 1


def hours_text(hours):
    """Story hours as the C# side writes them (StoryHours.Format): 12 significant digits, so 0.1 + 0.2 is 0.3 and 0.001
    stays 0.001; plain decimals from 1e-9 to 1e15 (exponent notation outside); and 0, never -0."""
    if hours == 0:
        return "0"
    rounded = float(f"{hours:.12g}")
    if not 1e-9 <= abs(rounded) < 1e15:
        return repr(rounded).upper()
    text = format(decimal.Decimal(repr(rounded)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _too_short(hours, scale):
    """Why `hours` is too short a wait at `scale` (as the C# samples say it), or None when it is 0 or long enough."""
    if 0 < hours and hours * scale < MIN_WAIT_SECONDS * (1 - 1e-9):
        return (f"{hours_text(hours)} story hours at --scale {hours_text(scale)} lasts {hours_text(hours * scale * 1000)} ms, "
                f"shorter than the shortest wait a timer can make (1 ms)")
    return None


def customer_name(index):
    """A, B, ..., Z, A2, B2, ...: the C# samples' names (SampleArguments.CustomerName)."""
    return chr(ord("A") + index % 26) + ("" if index < 26 else str(index // 26 + 1))


class Story:
    """One run of a script: its command line, the lines it prints (each recorded as an event), and the deliveries.

    `options` names extra command-line options from OPTIONS (as the notebooks' parameters cells name them), read back
    as attributes of `story.args`: Story(__file__, __doc__, "drops_after") gives --drops-after and story.args.drops_after.
    """

    def __init__(self, script_file, doc, *options):
        parser = _parser(doc.strip().splitlines()[0])
        parser.add_argument("--json", action="store_true",
                            help="also print one JSON line at the end (schema in deliveries.py), for C# to read")
        for option in options:
            flag, kind, default, meaning = OPTIONS[option]
            parser.add_argument(flag, type=kind, default=default, help=f"{meaning} (default {default:g})")
        self.args = parser.parse_args()
        self.customers = _customers(parser, self.args)
        for option in options:
            flag, kind, _, _ = OPTIONS[option]
            why = _too_short(getattr(self.args, option), self.args.scale) if kind is _hours else None
            if why:
                parser.error(f"argument {flag}: {why}; use 0, at least {hours_text(MIN_WAIT_SECONDS / self.args.scale)} "
                             f"story hours, or a larger --scale")
        self.scale = self.args.scale
        self.unlucky = self.customers[len(self.customers) // 2][0]   # B with the default customers, as in notebook 05
        self.script = os.path.basename(script_file)
        self.events, self.results, self.skipped = [], {}, None
        self.order = []              # the steps recorded with step(), in the order they ran
        self.eating = {}             # the customers eating right now, and when each began
        self.most_at_once = 0        # the most that ever ate at once
        self._section, self._origin = None, time.perf_counter()

    # --- time and printing --------------------------------------------------------------------------------------

    def hours(self):
        """Story hours since the current section (or the script) began."""
        return (time.perf_counter() - self._origin) / self.scale

    def section(self, name, title):
        """Starts a part of the script: prints `== title` and restarts the story clock at 0, like a fresh C# Timeline."""
        print(("\n" if self._section else "") + f"== {title}", flush=True)
        self._section, self._origin = name, time.perf_counter()

    def say(self, text, who=None, what=None):
        """Prints `text` stamped with the story time, and records it as an event."""
        t = self.hours()
        self.events.append({"section": self._section, "t": round(t, 4), "who": who, "what": what, "text": text})
        print(f"[t={t:5.2f} h] {text}", flush=True)                # the C# Courier's stamp

    def note(self, text):
        """Prints `text` without a story-time stamp (for measurements in real time), and records no event."""
        print(text, flush=True)

    def step(self, text, who):
        """Says `text` and notes it in `order`: for scripts about which code runs first."""
        self.order.append(text)
        self.say(text, who, text)

    def needs(self, version, feature):
        """True when this Python has `feature` (new in `version`); otherwise says so in one line and records a skip."""
        if sys.version_info >= version:
            return True
        reason = f"{feature} needs Python {version[0]}.{version[1]} or later; this is Python {platform.python_version()}"
        print(f"skipped: {reason}", flush=True)
        if self._section:
            self.results.setdefault("skipped_sections", {})[self._section] = reason
        else:
            self.skipped = reason
        return False

    def finish(self):
        """Prints the one JSON line when --json was given. Call it last."""
        if self.args.json:
            print(json.dumps({
                "schema": JSON_SCHEMA, "script": self.script, "python": platform.python_version(),
                "scale": self.scale, "mealtimes": [m for _, m in self.customers],
                "events": self.events, "results": self.results, "skipped": self.skipped,
            }), flush=True)

    # --- the story's deliveries ---------------------------------------------------------------------------------

    async def delivery(self, name, mealtime):
        """The Python original's delivery: deliver, wait out the meal without blocking, collect the dishes."""
        self._arrive(name)
        await self._eat(name, mealtime)
        self._leave(name, "finished", f"{name} finished eating, took {hours_text(mealtime)} h")
        self.say(f"{name}'s dishes collected", name, "collecting")
        return mealtime

    async def delivery_that_drops(self, name, after):
        """A delivery that goes wrong: `after` story hours into the meal the customer drops the plate."""
        self._arrive(name)
        await self._eat(name, after)
        self._leave(name, "failed", f"{name} dropped the plate after {hours_text(after)} h: the delivery failed")
        raise RuntimeError(f"{name} dropped the plate after {hours_text(after)} h")

    async def traced_body(self):
        """A coroutine for the scripts about who runs first: it notes when its body starts and when it resumes."""
        self.step("body starts", "delivery")
        await asyncio.sleep(0)                          # the first await that really yields to the event loop
        self.step("after await", "delivery")

    def round(self, drops_after=None):
        """One delivery coroutine per customer, in order. With `drops_after`, the unlucky (middle) one drops the plate
        that many story hours into the meal: notebook 05's StartRound."""
        return [self.delivery_that_drops(name, drops_after) if name == self.unlucky and drops_after is not None
                else self.delivery(name, mealtime) for name, mealtime in self.customers]

    def _arrive(self, name):
        self.say(f"Delivered to {name}!", name, "delivering")
        self.eating[name] = self.hours()
        self.most_at_once = max(self.most_at_once, len(self.eating))

    async def _eat(self, name, hours):
        try:
            await asyncio.sleep(hours * self.scale)     # the event loop serves the other deliveries meanwhile
        except asyncio.CancelledError:                  # task.cancel(), wait_for, a TaskGroup: thrown in at the await
            meal = self.hours() - self.eating[name]
            self._leave(name, "cancelled", f"{name}'s delivery was cancelled after {meal:.2f} h")
            raise

    def _leave(self, name, what, text):
        del self.eating[name]
        self.say(text, name, what)


def _float(text):
    try:
        return float(text)
    except ValueError:
        return float("nan")             # refused by every range check below: NaN compares false


def _hours(text):
    value = _float(text)
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of story hours, 0 or more, such as 1.5; got '{text}'")
    return value


def _count(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_COUNT:,}; got '{text}'")
    return value


# The extra options a script may ask Story for: name -> (flag, parser, default, meaning).
OPTIONS = {
    "drops_after": ("--drops-after", _hours, 1.5, "story hours into the middle customer's meal when they drop the plate"),
    "give_up_at": ("--give-up-at", _hours, 1.5, "story hours after which the customers give up"),
    "deadline": ("--deadline", _hours, 2.5, "the timeout, in story hours"),
    "late": ("--late", _hours, 1.0, "story hours the caller waits between making the deliveries and gathering them"),
    "riders": ("--riders", _count, 2, "how many riders: deliveries at once"),
    "lunch_rush": ("--lunch-rush", _count, 6, "how many customers in the lunch rush, one story hour each"),
    "rounds": ("--rounds", _count, 100, "how many dishes each rider counts"),
    "files": ("--files", _count, 20, "how many files to write and read back"),
    "dishes": ("--dishes", _count, 8, "how many CPU-bound dishes to cook"),
}


def _parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--mealtimes", type=_mealtimes, default=[1.0, 2.0, 3.0],
                        help=f"story hours each customer (A, B, C, ...) eats: {MEALTIMES_ALLOWED} (default 1,2,3)")
    parser.add_argument("--scale", type=_scale, default=1.0,
                        help=f"{SCALE_ALLOWED} (default 1)")
    return parser


def _customers(parser, args):
    longest = max(args.mealtimes)
    if longest * args.scale > MAX_WAIT_SECONDS:   # the C# samples' limit too: the longest wait a .NET timer allows
        parser.error(f"argument --mealtimes: a meal of {hours_text(longest)} story hours at --scale {hours_text(args.scale)} lasts longer "
                     f"than a .NET timer can wait ({MAX_WAIT_SECONDS / 86400:.1f} days); use shorter meals or a smaller --scale")
    shortest = min([m for m in args.mealtimes if m > 0], default=0)
    why = _too_short(shortest, args.scale)
    if why:
        parser.error(f"argument --mealtimes: a meal of {why}; use 0, at least {hours_text(MIN_WAIT_SECONDS / args.scale)} "
                     f"story hours, or a larger --scale")
    return [(customer_name(i), m) for i, m in enumerate(args.mealtimes)]


def _mealtimes(text):
    values = [_float(part) for part in text.split(",")]
    if not all(0 <= v < float("inf") for v in values):
        raise argparse.ArgumentTypeError(f"must be {MEALTIMES_ALLOWED}; got '{text}'")
    if len(values) > MAX_CUSTOMERS:
        raise argparse.ArgumentTypeError(f"takes at most {MAX_CUSTOMERS} customers; got {len(values)}")
    return [v + 0.0 for v in values]    # -0 + 0.0 is 0: never "A eats -0 h"


def _scale(text):
    value = _float(text)
    if not MIN_SCALE <= value <= MAX_SCALE:
        raise argparse.ArgumentTypeError(f"must be {SCALE_ALLOWED}; got '{text}'")
    return value
