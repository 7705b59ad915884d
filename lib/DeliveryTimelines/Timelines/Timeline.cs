using System.Collections.Concurrent;

namespace DeliveryTimelines;

/// <summary>
/// A thread-safe recorder of <see cref="TimelineSpan"/>s on a monotonic clock: what ran when, and where.
/// </summary>
/// <remarks>
/// Any number of threads and async continuations may record at once; no span is lost (recording appends to a
/// lock-free <see cref="ConcurrentQueue{T}"/>). Times come from <see cref="TimeProvider.GetTimestamp"/>, which is
/// monotonic, so a wall-clock adjustment mid-run cannot bend the chart. In a notebook, a timeline that is a cell's
/// result displays as its chart.
/// </remarks>
public sealed partial class Timeline
{
    private readonly ConcurrentQueue<TimelineSpan> _spans = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;

    /// <summary>Starts a timeline in real time now: for work that is not told in story hours, such as the kitchen's cooking.</summary>
    /// <param name="title">A label for charts, such as "sequential" or "concurrent".</param>
    /// <param name="timeProvider">Where timestamps come from; <see cref="TimeProvider.System"/> when null.</param>
    public Timeline(string title = "timeline", TimeProvider? timeProvider = null)
        : this(title, timeProvider ?? TimeProvider.System, clock: null)
    {
    }

    /// <summary>
    /// Starts a timeline on a story clock now: its timestamps come from the clock's time provider, and charts and exports
    /// can show it in story hours (<see cref="Clock"/>).
    /// </summary>
    /// <param name="title">A label for charts, such as "sequential" or "concurrent".</param>
    /// <param name="clock">The story clock the recorded work waits on.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public Timeline(string title, StoryClock clock)
        : this(title, (clock ?? throw new ArgumentNullException(nameof(clock))).TimeProvider, clock)
    {
    }

    private Timeline(string title, TimeProvider timeProvider, StoryClock? clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        Clock = clock;
        _timeProvider = timeProvider;
        _origin = _timeProvider.GetTimestamp();
    }

    /// <summary>The label charts show for this timeline.</summary>
    public string Title { get; }

    /// <summary>
    /// The story clock this timeline's work was told on, so a chart can turn its real times into story hours
    /// (<see cref="StoryClock.ToHours"/>, <see cref="StoryClock.SecondsPerHour"/>); null for a timeline in real time.
    /// </summary>
    public StoryClock? Clock { get; }

    /// <summary>Time since the timeline started.</summary>
    public TimeSpan Now => _timeProvider.GetElapsedTime(_origin);

    /// <summary>How many spans have been recorded.</summary>
    public int Count => _spans.Count;

    /// <summary>
    /// A copy of every span recorded so far, ordered by start time (then by end time). Spans recorded afterwards are
    /// not in it.
    /// </summary>
    /// <remarks>
    /// A method, not a property, because each call copies and sorts every span: take one snapshot and read it as often
    /// as needed rather than calling this in a loop.
    /// </remarks>
    public TimelineSpan[] Snapshot() =>
        [.. _spans.ToArray().OrderBy(s => s.Start).ThenBy(s => s.End)];

    /// <summary>From the timeline's start to the end of its last span; zero while nothing is recorded.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            TimeSpan last = TimeSpan.Zero;
            foreach (TimelineSpan span in _spans)
            {
                if (span.End > last)
                {
                    last = span.End;
                }
            }

            return last;
        }
    }

    /// <summary>
    /// The largest number of <paramref name="phase"/> spans that were in progress at the same moment: 3 for three
    /// gathered meals, 1 for meals one after another, at most K when only K riders may deliver at once.
    /// </summary>
    /// <remarks>A span that ends exactly when another starts does not overlap it, so back-to-back work counts once.</remarks>
    /// <exception cref="ArgumentException"><paramref name="phase"/> is null or empty.</exception>
    public int MostAtOnce(string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        return MostAtOnce(_spans.Where(s => s.Phase == phase));
    }

    /// <summary>The largest number of <paramref name="spans"/> with a length in progress at the same moment (see <see cref="MostAtOnce(string)"/>).</summary>
    internal static int MostAtOnce(IEnumerable<TimelineSpan> spans)
    {
        var edges = spans.Where(s => s.End > s.Start)
            .SelectMany(s => new[] { (At: s.Start, Change: +1), (At: s.End, Change: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Change); // at a tie an end comes first: back-to-back is not overlap
        int now = 0, most = 0;
        foreach (var (_, change) in edges)
        {
            now += change;
            most = Math.Max(most, now);
        }

        return most;
    }

    /// <summary>Records a span that ran from <paramref name="start"/> to <paramref name="end"/> (both from the timeline's start).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="phase"/> is null or empty, or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public void Record(string name, string phase, TimeSpan start, TimeSpan end, int? threadId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        if (end < start)
        {
            throw new ArgumentException($"A span cannot end before it starts: start {start}, end {end}.", nameof(end));
        }

        _spans.Enqueue(new TimelineSpan(name, phase, start, end, threadId ?? Environment.CurrentManagedThreadId));
    }

    /// <summary>Records an instant event (a span of zero length) now.</summary>
    public void Mark(string name, string phase)
    {
        TimeSpan now = Now;
        Record(name, phase, now, now);
    }

    /// <summary>Starts a span now; it is recorded when the returned scope is disposed.</summary>
    /// <example><code>using (timeline.Measure("dish 1", Phase.Cooking)) { Kitchen.Cook(20_000_000); }</code></example>
    public SpanScope Measure(string name, string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        return new SpanScope(this, name, phase, Now, Environment.CurrentManagedThreadId);
    }

    /// <summary>
    /// Throws unless work that waits on <paramref name="clock"/> can be recorded here: a timeline in real time takes any,
    /// one on a story clock only work on a clock of the same scale and time provider, or its charts would show that work
    /// at the wrong hours.
    /// </summary>
    /// <exception cref="ArgumentException">This timeline is on another story clock.</exception>
    internal void ThrowIfOnAnotherClock(StoryClock clock, string paramName)
    {
        if (Clock is { } mine && (mine.SecondsPerHour != clock.SecondsPerHour || mine.TimeProvider != clock.TimeProvider))
        {
            throw new ArgumentException(
                $"The timeline \"{Title}\" is on another story clock ({mine}) than the one its work waits on ({clock}): make it on that clock, or in real time.",
                paramName);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Title}: {Count} spans, {Elapsed.TotalSeconds:F3} s" + (Clock is null ? "" : $" ({Clock.ToHours(Elapsed):F2} story hours)");

    /// <summary>An open span; disposing it records the span with the current time as its end.</summary>
    public readonly struct SpanScope : IDisposable
    {
        private readonly Timeline? _timeline;
        private readonly string _name;
        private readonly string _phase;
        private readonly TimeSpan _start;
        private readonly int _threadId;

        internal SpanScope(Timeline timeline, string name, string phase, TimeSpan start, int threadId)
        {
            _timeline = timeline;
            _name = name;
            _phase = phase;
            _start = start;
            _threadId = threadId;
        }

        /// <summary>Records the span, ending now.</summary>
        public void Dispose() => _timeline?.Record(_name, _phase, _start, _timeline.Now, _threadId);
    }
}
