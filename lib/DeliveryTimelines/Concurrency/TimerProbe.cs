using System.Diagnostics;

namespace DeliveryTimelines;

/// <summary>
/// Measures how <c>Task.Delay</c> keeps time on the machine it runs on, in about a third of a second, so that a lesson
/// can say "on this machine" with numbers instead of assuming them.
/// </summary>
/// <remarks>
/// <para>
/// Why timers differ between machines: .NET's timer queue counts whole milliseconds of
/// <see cref="Environment.TickCount64"/>. On Linux that clock is <c>CLOCK_MONOTONIC_COARSE</c>, which advances once per
/// kernel tick (1/CONFIG_HZ: 4 ms at 250 Hz) and lags real time by up to one tick; on macOS it advances every
/// millisecond; Windows uses its interrupt time. A delay's start is stamped on that clock, so it can be stamped up to a
/// tick too early. A lone delay rarely shows it (the timer thread sleeps the full delay in real time), but when another,
/// shorter timer fires first, the queue re-arms the rest from a fresh reading of the coarse clock, and a later delay
/// can end early by its start's lag. <c>Task.Delay(TimeSpan)</c> also drops any fraction of a millisecond.
/// </para>
/// <para>
/// So the probe first times the steps of <see cref="Environment.TickCount64"/> (spinning for up to nine of them, whose median stands even when the spinning thread is preempted), then, until
/// its budget is spent, starts two delays together, one tick and three ticks long, at a random moment within a tick (as
/// a lesson's gather does), and records how far each ended from its nominal time on the precise clock
/// (<see cref="Stopwatch"/>).
/// </para>
/// <para>
/// Cost: about <see cref="DefaultBudget"/> of wall time, some of it spinning one core (up to a tick per round, to pick
/// the start moment), and a few dozen timers. Heavy load on the machine makes delays later, not earlier, so the
/// lateness it reports is this moment's, the early bound (<see cref="TimerBehavior.PossiblyEarly"/>) the clock's.
/// </para>
/// </remarks>
/// <example><code>Console.WriteLine(await TimerProbe.MeasureAsync());</code></example>
public static class TimerProbe
{
    /// <summary>How long <see cref="MeasureAsync"/> measures when not told otherwise: 300 ms.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan LongestTickReported = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Measures the timer clock's tick and how early and how late <c>Task.Delay</c> ends, for about
    /// <paramref name="budget"/> (and at least four rounds of two delays).
    /// </summary>
    /// <param name="budget">How long to measure, from 10 ms to 10 s; <see cref="DefaultBudget"/> when null.</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is outside 10 ms to 10 s.</exception>
    /// <exception cref="OperationCanceledException">(in the task) <paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<TimerBehavior> MeasureAsync(TimeSpan? budget = null, CancellationToken cancellationToken = default)
    {
        TimeSpan time = budget ?? DefaultBudget;
        if (time < TimeSpan.FromMilliseconds(10) || time > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), time, $"The budget must be between 10 ms and 10 s; got {time}.");
        }

        return MeasureCoreAsync(time, cancellationToken);
    }

    private static async Task<TimerBehavior> MeasureCoreAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        long begin = Stopwatch.GetTimestamp();
        TimeSpan tick = MeasureTick();
        var shortDelay = TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(tick.TotalMilliseconds)));
        TimeSpan longDelay = 3 * shortDelay;
        await Task.Delay(1, cancellationToken).ConfigureAwait(false); // the first delay in a process pays for warm-up: not a sample
        var random = new Random(12345);
        var delays = new List<(TimeSpan Nominal, TimeSpan Took)>();
        for (int round = 0; round < 4 || Stopwatch.GetElapsedTime(begin) + longDelay + tick < budget; round++)
        {
            SpinFor(tick * random.NextDouble()); // start at a random moment within a tick
            long start = Stopwatch.GetTimestamp();
            Task<TimeSpan> first = TimeDelay(shortDelay, start, cancellationToken);
            Task<TimeSpan> second = TimeDelay(longDelay, start, cancellationToken);
            delays.Add((shortDelay, await first.ConfigureAwait(false)));
            delays.Add((longDelay, await second.ConfigureAwait(false)));
        }

        return TimerBehavior.From(tick, delays);
    }

    private static async Task<TimeSpan> TimeDelay(TimeSpan delay, long start, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Measures only the step of the clock .NET's timers count in (<see cref="TimerBehavior.Tick"/>): the real time
    /// between changes of <see cref="Environment.TickCount64"/>: the median of up to nine, so a step lengthened by the
    /// spinning thread being preempted (a busy machine) does not become the answer.
    /// </summary>
    /// <remarks>Cost: spins one core for up to ten steps (about 40 ms where the step is 4 ms; 200 ms at most).</remarks>
    /// <returns>The step, rounded to a tenth of a millisecond; 200 ms if the clock did not step twice within 200 ms.</returns>
    public static TimeSpan MeasureTick()
    {
        var steps = new List<TimeSpan>();
        long value = Environment.TickCount64;
        long lastChange = 0;
        long giveUp = Stopwatch.GetTimestamp() + (long)(LongestTickReported.TotalSeconds * Stopwatch.Frequency);
        while (steps.Count < 9 && Stopwatch.GetTimestamp() < giveUp)
        {
            long now = Environment.TickCount64;
            if (now != value)
            {
                long at = Stopwatch.GetTimestamp();
                if (lastChange != 0)
                {
                    steps.Add(Stopwatch.GetElapsedTime(lastChange, at));
                }

                lastChange = at;
                value = now;
            }
        }

        return TypicalStep(steps);
    }

    /// <summary>
    /// The clock's step from the measured times between its changes: their median, rounded to a tenth of a millisecond
    /// (the step belongs to the clock, a measurement's jitter does not); a clock that did not step twice within 200 ms
    /// is reported as 200 ms.
    /// </summary>
    internal static TimeSpan TypicalStep(IReadOnlyCollection<TimeSpan> steps)
    {
        if (steps.Count == 0)
        {
            return LongestTickReported;
        }

        TimeSpan median = steps.Order().ElementAt(steps.Count / 2);
        return TimeSpan.FromMilliseconds(Math.Round(median.TotalMilliseconds, 1));
    }

    private static void SpinFor(TimeSpan time)
    {
        long until = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }
}
