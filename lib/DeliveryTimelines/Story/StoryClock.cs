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
    /// The smallest clock scale the course's command lines and parameter checks accept, in real seconds per story hour:
    /// below 1 ms per story hour the timers' own resolution would be most of every meal.
    /// </summary>
    public const double MinSecondsPerHour = 0.001;

    /// <summary>The largest clock scale the course's command lines and parameter checks accept: one real hour per story hour.</summary>
    public const double MaxSecondsPerHour = 3600;

    /// <summary>One story hour per real second, on the system clock: the Python original's own timing.</summary>
    public static StoryClock Default { get; } = new(1.0);

    /// <summary>Creates a clock on which one story hour lasts <paramref name="secondsPerHour"/> real seconds.</summary>
    /// <param name="secondsPerHour">Real seconds per story hour: a finite number greater than 0 (0.1 makes the story 10× faster).</param>
    /// <param name="timeProvider">Where time comes from; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="secondsPerHour"/> is not a finite number greater than 0.</exception>
    public StoryClock(double secondsPerHour, TimeProvider? timeProvider = null)
    {
        if (!double.IsFinite(secondsPerHour) || secondsPerHour <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(secondsPerHour), secondsPerHour,
                $"The clock scale must be a finite number of real seconds per story hour greater than 0; got {secondsPerHour}.");
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
    /// Throws unless <paramref name="hours"/> is a wait this clock can make: a finite number of story hours, 0 or
    /// more, that lasts no longer than <see cref="MaxRealDelay"/> at this clock's scale. For checking an argument at
    /// the call, before any work starts.
    /// </summary>
    /// <param name="hours">The story hours to check.</param>
    /// <param name="paramName">The argument to name in the exception; the caller's own expression when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is negative, NaN or infinite, or too long for this clock.</exception>
    public void ThrowIfOutOfRange(double hours, [CallerArgumentExpression(nameof(hours))] string? paramName = null)
    {
        paramName ??= nameof(hours);
        if (!double.IsFinite(hours) || hours < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, hours,
                $"{paramName} must be a finite number of story hours, 0 or more; got {hours}.");
        }

        if (hours * SecondsPerHour > MaxRealDelay.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(paramName, hours,
                $"{paramName} of {hours} hours at {SecondsPerHour} s per hour is longer than the longest wait .NET allows ({MaxRealDelay.TotalDays:F1} days).");
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
    public override string ToString() => $"1 story hour = {SecondsPerHour} s" + (Timers is null ? "" : $", shared timers every {Timers.Resolution.TotalMilliseconds} ms");
}
