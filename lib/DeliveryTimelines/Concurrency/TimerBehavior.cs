using System.Globalization;

namespace DeliveryTimelines;

/// <summary>What <see cref="TimerProbe.MeasureAsync"/> saw of <c>Task.Delay</c> on the machine it ran on.</summary>
/// <param name="Tick">How often the clock behind .NET's timer queue advances (the step of
/// <see cref="Environment.TickCount64"/>, which the queue counts in on Linux and macOS): 4 ms on a Linux kernel built
/// with CONFIG_HZ=250, 1 ms on macOS.</param>
/// <param name="MostEarly">The most any measured delay ended before its nominal time; zero if none did.</param>
/// <param name="MostLate">The most any measured delay ended after its nominal time; zero if none did.</param>
/// <param name="Early">How many of the measured delays ended early.</param>
/// <param name="Samples">How many delays were measured.</param>
public readonly record struct TimerBehavior(TimeSpan Tick, TimeSpan MostEarly, TimeSpan MostLate, int Early, int Samples)
{
    /// <summary>
    /// How early a delay can end, from how the timer queue keeps time rather than from this run's samples: a delay's
    /// start is stamped on a clock that lags real time by up to one <see cref="Tick"/>, and truncating to whole
    /// milliseconds, twice, can take up to 2 ms more.
    /// </summary>
    /// <remarks>
    /// A probe of a few hundred milliseconds rarely meets the worst case (and some runs see no early delay at all), so a
    /// lesson quotes this bound beside the measured <see cref="MostEarly"/>, never the measurement alone.
    /// </remarks>
    public TimeSpan PossiblyEarly => Tick + TimeSpan.FromMilliseconds(2);

    /// <summary>Two sentences for a lesson: what timers do on this machine, measured just now.</summary>
    /// <example>On this machine .NET's timers tick every 4 ms, so a Task.Delay can end up to about 6 ms early. Of 36
    /// delays measured just now, 3 ended early (by up to 3.1 ms) and the latest ended 2.7 ms late.</example>
    public override string ToString()
    {
        string early = Early switch
        {
            0 => "none ended early",
            1 => string.Create(CultureInfo.InvariantCulture, $"1 ended early (by {MostEarly.TotalMilliseconds:0.0} ms)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{Early} ended early (by up to {MostEarly.TotalMilliseconds:0.0} ms)"),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"On this machine .NET's timers tick every {Tick.TotalMilliseconds:0.#} ms, so a Task.Delay can end up to about {PossiblyEarly.TotalMilliseconds:0.#} ms early. " +
            $"Of {Samples} delays measured just now, {early} and the latest ended {MostLate.TotalMilliseconds:0.0} ms late.");
    }

    /// <summary>Sums up measured delays: how far each ended from its nominal time, early or late.</summary>
    /// <param name="tick">The timer clock's step, as measured.</param>
    /// <param name="delays">Each delay's nominal length and the real time it took.</param>
    internal static TimerBehavior From(TimeSpan tick, IEnumerable<(TimeSpan Nominal, TimeSpan Took)> delays)
    {
        TimeSpan mostEarly = TimeSpan.Zero, mostLate = TimeSpan.Zero;
        int early = 0, samples = 0;
        foreach ((TimeSpan nominal, TimeSpan took) in delays)
        {
            samples++;
            TimeSpan off = took - nominal;
            if (off < TimeSpan.Zero)
            {
                early++;
                mostEarly = TimeSpan.FromTicks(Math.Max(mostEarly.Ticks, (-off).Ticks));
            }
            else
            {
                mostLate = TimeSpan.FromTicks(Math.Max(mostLate.Ticks, off.Ticks));
            }
        }

        return new TimerBehavior(tick, mostEarly, mostLate, early, samples);
    }
}
