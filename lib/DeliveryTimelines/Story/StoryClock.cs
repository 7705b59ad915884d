using System.Runtime.CompilerServices;

namespace DeliveryTimelines;

/// <summary>
/// Maps the story's hours (A eats for 1 hour, B for 2, C for 3) to real time, and waits them out.
/// </summary>
/// <remarks>
/// The story is told in hours; the lessons run in seconds (1 hour = 1 second, as in the Python original), and the
/// headless tests shrink that further so a whole notebook runs in moments. Every wait goes through a
/// <see cref="System.TimeProvider"/>, so unit tests drive the clock with a fake one and never sleep.
/// </remarks>
public sealed class StoryClock
{
    /// <summary>The largest delay <see cref="Task.Delay(TimeSpan)"/> accepts (about 49.7 days).</summary>
    public static readonly TimeSpan MaxRealDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// The shortest wait, other than none, that this clock makes: 1 ms. <see cref="Task.Delay(TimeSpan)"/>,
    /// <see cref="Thread.Sleep(TimeSpan)"/> and the system timers count whole milliseconds and drop the rest, so a
    /// shorter wait ends at once (measured: <c>Task.Delay</c> of 0.999 ms completes before it returns), and a meal of
    /// 0.5 ms would be timed as no meal at all. Such a wait is refused, naming the hours, the scale and this limit.
    /// </summary>
    public static readonly TimeSpan MinRealDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The smallest clock scale the course's command lines and parameter checks accept, in real seconds per story
    /// hour: 20 ms per story hour, about five ticks of the timers' ~4 ms clock on Linux.
    /// </summary>
    /// <remarks>
    /// Every wait ends up to one timer tick late, so the tick must be small against an hour for a run to show its
    /// lesson. Measured with <c>samples/04-gather-as-whenall.cs</c> (ideal: 6 h one after another, 3 h gathered) on
    /// a 2-core Linux machine whose <c>Task.Delay(1 ms)</c> takes 4.5 ms: at 0.02 s per hour it printed 6.1–6.3 h and
    /// 3.2–3.4 h; at 0.01, 6.3–6.8 h and 3.9–4.1 h; at 0.005, 4.4–4.9 h gathered; at 0.002 the gathered run took longer
    /// than the sequential one. Below this scale the timers, not the code, would decide what the learner sees.
    /// </remarks>
    public const double MinSecondsPerHour = 0.02;

    /// <summary>The largest clock scale the course's command lines and parameter checks accept: one real hour per story hour.</summary>
    public const double MaxSecondsPerHour = 3600;

    /// <summary>The smallest scale the constructor takes: one tick of <see cref="TimeSpan"/> (100 ns) per story hour.</summary>
    private const double SmallestScale = 1e-7;

    /// <summary>One story hour per real second, on the system clock: the Python original's own timing.</summary>
    public static StoryClock Default { get; } = new(1.0);

    /// <summary>Creates a clock on which one story hour lasts <paramref name="secondsPerHour"/> real seconds.</summary>
    /// <remarks>
    /// The constructor takes any scale whose hours mean something (fake-time tests and benchmarks go beyond the command
    /// lines' <see cref="MinSecondsPerHour"/> to <see cref="MaxSecondsPerHour"/>): an hour of at least one tick of
    /// <see cref="TimeSpan"/>, below which hours could not be told from 0 and real time turned back into hours would be
    /// infinite; and of at most <see cref="MaxRealDelay"/>, above which not even one hour could be waited.
    /// </remarks>
    /// <param name="secondsPerHour">Real seconds per story hour, from 1e-7 (100 ns) to <see cref="MaxRealDelay"/> in
    /// seconds (0.1 makes the story 10× faster).</param>
    /// <param name="timeProvider">Where time comes from; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="secondsPerHour"/> is not a finite number in that range.</exception>
    public StoryClock(double secondsPerHour, TimeProvider? timeProvider = null)
    {
        if (!(secondsPerHour >= SmallestScale && secondsPerHour <= MaxRealDelay.TotalSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(secondsPerHour), secondsPerHour, FormattableString.Invariant(
                $"The clock scale must be a finite number of real seconds per story hour greater than 0, from {SmallestScale} (one 100 ns tick of TimeSpan: an hour any shorter could not be told from 0) to {MaxRealDelay.TotalSeconds} (the longest wait .NET allows); got {secondsPerHour}."));
        }

        SecondsPerHour = secondsPerHour;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    private StoryClock(StoryClock clock, SharedTimers timers)
        : this(clock.SecondsPerHour, clock.TimeProvider)
    {
        Timers = timers;
    }

    /// <summary>Real seconds per story hour.</summary>
    public double SecondsPerHour { get; }

    /// <summary>
    /// The shortest wait other than 0, in story hours, on this clock: <see cref="MinRealDelay"/> at this scale
    /// (0.001 h at 1 s per hour, 0.05 h at 0.02 s per hour). <see cref="ThrowIfOutOfRange"/> refuses anything shorter.
    /// </summary>
    public double ShortestWait => MinRealDelay.TotalSeconds / SecondsPerHour;

    /// <summary>The source of time for every wait and timestamp taken through this clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The shared timers every wait goes through, or null when each wait has its own <c>Task.Delay</c>.</summary>
    public SharedTimers? Timers { get; }

    /// <summary>
    /// The same clock, except that waits ending in the same tick share one timer (see <see cref="SharedTimers"/>): what
    /// a million deliveries need, where one <c>Task.Delay</c> each would cost a timer each.
    /// </summary>
    /// <param name="resolution">The tick width; <see cref="SharedTimers.DefaultResolution"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is outside what <see cref="SharedTimers"/> allows.</exception>
    public StoryClock WithSharedTimers(TimeSpan? resolution = null) => new(this, new SharedTimers(TimeProvider, resolution));

    /// <summary>Converts story hours to real time.</summary>
    /// <param name="hours">A finite number of hours, 0 or more.</param>
    /// <param name="paramName">The argument name to put in the exception, so callers report their own parameter.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="hours"/> is negative, NaN or infinite, or lasts longer than <see cref="MaxRealDelay"/> on this clock.
    /// </exception>
    public TimeSpan ToRealTime(double hours, string paramName = "hours")
    {
        ThrowIfOutOfRange(hours, paramName);
        return TimeSpan.FromSeconds(hours * SecondsPerHour);
    }

    /// <summary>
    /// Throws unless <paramref name="hours"/> is a wait this clock can make: a finite number of story hours, either 0
    /// or at least <see cref="ShortestWait"/> (1 ms real), that lasts no longer than <see cref="MaxRealDelay"/> at
    /// this clock's scale. For checking an argument at the call, before any work starts.
    /// </summary>
    /// <param name="hours">The story hours to check.</param>
    /// <param name="paramName">The argument to name in the exception; the caller's own expression when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="hours"/> is negative, NaN or infinite, shorter than the timers can wait, or too long for this clock.
    /// </exception>
    public void ThrowIfOutOfRange(double hours, [CallerArgumentExpression(nameof(hours))] string? paramName = null)
    {
        paramName ??= nameof(hours);
        if (!double.IsFinite(hours) || hours < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, hours,
                $"{paramName} must be a finite number of story hours, 0 or more; got {StoryHours.Format(hours)}.");
        }

        double seconds = hours * SecondsPerHour;
        if (seconds > MaxRealDelay.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(paramName, hours, FormattableString.Invariant(
                $"{paramName} of {StoryHours.Format(hours)} hours at {StoryHours.Format(SecondsPerHour)} s per hour is longer than the longest wait .NET allows ({MaxRealDelay.TotalDays:F1} days)."));
        }

        // A hair of tolerance, so ShortestWait itself (1 ms / scale, then times the scale again) always passes.
        if (hours > 0 && seconds < MinRealDelay.TotalSeconds * (1 - 1e-9))
        {
            throw new ArgumentOutOfRangeException(paramName, hours, FormattableString.Invariant(
                $"{paramName} of {StoryHours.Format(hours)} hours at {StoryHours.Format(SecondsPerHour)} s per hour is {StoryHours.Format(seconds * 1000)} ms, shorter than the shortest wait the timers can make ({MinRealDelay.TotalMilliseconds} ms: they count whole milliseconds, and a shorter wait would end at once); use 0, at least {StoryHours.Format(ShortestWait)} hours, or more seconds per hour."));
        }
    }

    /// <summary>Converts a real duration back to story hours.</summary>
    public double ToHours(TimeSpan realTime) => realTime.TotalSeconds / SecondsPerHour;

    /// <summary>Waits <paramref name="hours"/> story hours without blocking a thread: the C# <c>await asyncio.sleep(hours)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is not valid (see <see cref="ToRealTime"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the time was up.</exception>
    public Task WaitAsync(double hours, CancellationToken cancellationToken = default) =>
        Timers is null
            ? Task.Delay(ToRealTime(hours), TimeProvider, cancellationToken)
            : Timers.DelayAsync(ToRealTime(hours), cancellationToken);

    /// <summary>Blocks the calling thread for <paramref name="hours"/> story hours: the C# <c>time.sleep(hours)</c>.</summary>
    /// <remarks>
    /// On the system clock this is <see cref="Thread.Sleep(TimeSpan)"/>. On any other <see cref="System.TimeProvider"/>
    /// (a fake one in tests) it blocks on that provider's timer, so the thread is held just the same until the
    /// provider's time has moved on.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is not valid (see <see cref="ToRealTime"/>).</exception>
    public void Block(double hours)
    {
        TimeSpan delay = ToRealTime(hours);
        if (ReferenceEquals(TimeProvider, TimeProvider.System))
        {
            Thread.Sleep(delay);
        }
        else
        {
            Task.Delay(delay, TimeProvider).GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"1 story hour = {StoryHours.Format(SecondsPerHour)} s") + (Timers is null ? "" : FormattableString.Invariant($", shared timers every {Timers.Resolution.TotalMilliseconds} ms"));
}
