namespace DeliveryTimelines;

// Spans in progress: work that has begun and not ended yet, so that a chart drawn mid-run (a live chart) can show a
// meal while it is being eaten, not only once it is over.
public sealed partial class Timeline
{
    private readonly Lock _openLock = new();
    private readonly HashSet<OpenSpan> _open = [];

    /// <summary>How many spans begun with <see cref="Begin"/> have not ended yet.</summary>
    public int InProgressCount
    {
        get
        {
            lock (_openLock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>
    /// Starts a span now and keeps it in progress until <see cref="OpenSpan.End"/> (or disposing it) records it:
    /// meanwhile <see cref="Snapshot(bool)"/> can show it as running up to now.
    /// </summary>
    /// <remarks>
    /// Unlike <see cref="Measure"/>, whose span exists only once its scope is disposed, a begun span is known to the
    /// timeline from its start, which is what a chart drawn while the work runs needs.
    /// </remarks>
    /// <example><code>
    /// var meal = timeline.Begin("A", Phase.Eating);
    /// await clock.WaitAsync(1);
    /// meal.End();
    /// </code></example>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="phase"/> is null or empty.</exception>
    public OpenSpan Begin(string name, string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        var span = new OpenSpan(this, name, phase, Now, Environment.CurrentManagedThreadId);
        lock (_openLock)
        {
            _open.Add(span);
        }

        return span;
    }

    /// <summary>
    /// <see cref="Snapshot()"/>, and with <paramref name="includeInProgress"/> also every span begun with
    /// <see cref="Begin"/> and not ended yet, as if it ended now: what a chart drawn at this moment should show.
    /// </summary>
    /// <remarks>
    /// The recorded spans and the spans in progress are read together, so a span that ends meanwhile is in the result
    /// exactly once.
    /// </remarks>
    public TimelineSpan[] Snapshot(bool includeInProgress)
    {
        if (!includeInProgress)
        {
            return Snapshot();
        }

        TimelineSpan[] recorded;
        OpenSpan[] open;
        TimeSpan now;
        lock (_openLock)
        {
            recorded = _spans.ToArray();
            open = [.. _open];
            now = Now;
        }

        return [.. recorded.Concat(open.Select(o => new TimelineSpan(o.Name, o.Phase, o.Start, now, o.ThreadId)))
            .OrderBy(s => s.Start).ThenBy(s => s.End)];
    }

    private TimelineSpan End(OpenSpan span)
    {
        lock (_openLock)
        {
            if (!_open.Remove(span))
            {
                throw new InvalidOperationException($"The {span.Phase} span of {span.Name} has already ended.");
            }

            var ended = new TimelineSpan(span.Name, span.Phase, span.Start, Now, span.ThreadId);
            _spans.Enqueue(ended);
            return ended;
        }
    }

    /// <summary>A span begun with <see cref="Begin"/>: in progress until <see cref="End"/> records it.</summary>
    public sealed class OpenSpan : IDisposable
    {
        private readonly Timeline _timeline;

        internal OpenSpan(Timeline timeline, string name, string phase, TimeSpan start, int threadId)
        {
            _timeline = timeline;
            Name = name;
            Phase = phase;
            Start = start;
            ThreadId = threadId;
        }

        /// <summary>Whose work it is.</summary>
        public string Name { get; }

        /// <summary>What is being done.</summary>
        public string Phase { get; }

        /// <summary>When it began, from the timeline's start.</summary>
        public TimeSpan Start { get; }

        /// <summary>The managed thread it began on.</summary>
        public int ThreadId { get; }

        /// <summary>True once <see cref="End"/> has recorded the span.</summary>
        public bool HasEnded
        {
            get
            {
                lock (_timeline._openLock)
                {
                    return !_timeline._open.Contains(this);
                }
            }
        }

        /// <summary>Records the span, ending now, and returns it.</summary>
        /// <exception cref="InvalidOperationException">It has already ended.</exception>
        public TimelineSpan End() => _timeline.End(this);

        /// <summary>Ends the span now unless it has already ended: for <c>using</c>.</summary>
        public void Dispose()
        {
            lock (_timeline._openLock)
            {
                if (_timeline._open.Contains(this))
                {
                    _timeline.End(this);
                }
            }
        }
    }
}
