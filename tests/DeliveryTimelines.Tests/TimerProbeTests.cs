using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class TimerProbeTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Measured_delays_sum_up_to_how_many_ended_early_and_the_most_early_and_late()
    {
        TimerBehavior behavior = TimerBehavior.From(Ms(4),
        [
            (Ms(4), Ms(4.3)),   // 0.3 late
            (Ms(12), Ms(9.5)),  // 2.5 early
            (Ms(4), Ms(3.9)),   // 0.1 early
            (Ms(12), Ms(13.7)), // 1.7 late
            (Ms(4), Ms(4)),     // on time: not early
        ]);

        Assert.Equal(new TimerBehavior(Ms(4), Ms(2.5), Ms(1.7), Early: 2, Samples: 5), behavior);
    }

    [Fact]
    public void With_no_delays_nothing_is_early_or_late()
    {
        Assert.Equal(new TimerBehavior(Ms(4), TimeSpan.Zero, TimeSpan.Zero, 0, 0), TimerBehavior.From(Ms(4), []));
    }

    [Fact]
    public void A_delay_can_end_up_to_a_tick_and_two_milliseconds_early()
    {
        Assert.Equal(Ms(6), new TimerBehavior(Ms(4), default, default, 0, 0).PossiblyEarly);
        Assert.Equal(Ms(17.6), new TimerBehavior(Ms(15.6), default, default, 0, 0).PossiblyEarly);
    }

    [Theory]
    [InlineData(new[] { 4.02, 3.98, 4.01 }, 4.0)]
    [InlineData(new[] { 6.52, 1.49, 4.0 }, 4.0)]        // an uneven pair around one tick: the median keeps the tick
    [InlineData(new[] { 1.04, 0.97, 1.0, 1.02 }, 1.0)]  // even count: the upper middle
    [InlineData(new[] { 15.625 }, 15.6)]
    public void The_tick_is_the_median_step_to_a_tenth_of_a_millisecond(double[] steps, double tick)
    {
        Assert.Equal(Ms(tick), TimerProbe.TypicalStep(steps.Select(Ms).ToArray()));
    }

    [Fact]
    public void A_clock_that_never_stepped_is_reported_at_the_longest_wait()
    {
        Assert.Equal(Ms(200), TimerProbe.TypicalStep([]));
    }

    [Fact]
    public void The_sentence_says_on_this_machine_with_the_bound_and_the_measurement()
    {
        var behavior = new TimerBehavior(Ms(4), Ms(3.14), Ms(2.66), Early: 3, Samples: 36);

        Assert.Equal(
            "On this machine .NET's timers tick every 4 ms, so a Task.Delay can end up to about 6 ms early. " +
            "Of 36 delays measured just now, 3 ended early (by up to 3.1 ms) and the latest ended 2.7 ms late.",
            behavior.ToString());
    }

    [Fact]
    public void The_sentence_counts_none_and_one_in_words_and_ignores_the_current_culture()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a decimal comma
        try
        {
            string none = new TimerBehavior(Ms(15.6), TimeSpan.Zero, Ms(1.25), 0, 8).ToString();
            string one = new TimerBehavior(Ms(1), Ms(0.5), Ms(0.25), 1, 8).ToString();

            Assert.Contains("tick every 15.6 ms, so a Task.Delay can end up to about 17.6 ms early", none, StringComparison.Ordinal);
            Assert.Contains("Of 8 delays measured just now, none ended early and the latest ended 1.3 ms late.", none, StringComparison.Ordinal);
            Assert.Contains("1 ended early (by 0.5 ms)", one, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(9.0)]
    [InlineData(10_001.0)]
    public void A_budget_outside_10_ms_to_10_s_is_refused_naming_it(double milliseconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = TimerProbe.MeasureAsync(Ms(milliseconds)); });

        Assert.Equal("budget", error.ParamName);
    }

    [Fact]
    public async Task A_cancelled_probe_stops_with_the_token()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TimerProbe.MeasureAsync(cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task On_the_real_clock_it_measures_a_plausible_tick_within_its_budget_and_no_delay_beats_the_bound()
    {
        // Loose bounds only: the figures belong to the machine. What must hold anywhere is the shape of the result.
        long start = Stopwatch.GetTimestamp();
        TimerBehavior behavior = await TimerProbe.MeasureAsync();
        TimeSpan took = Stopwatch.GetElapsedTime(start);

        Assert.True(took < TimeSpan.FromSeconds(2), $"the probe took {took.TotalMilliseconds:F0} ms; it aims at about {TimerProbe.DefaultBudget.TotalMilliseconds} ms");
        Assert.InRange(behavior.Tick, Ms(0.1), Ms(50));
        Assert.True(behavior.Samples >= 8 && behavior.Samples % 2 == 0, $"{behavior.Samples} samples: two per round, at least four rounds");
        Assert.InRange(behavior.Early, 0, behavior.Samples);
        Assert.True(behavior.MostEarly <= behavior.PossiblyEarly, $"a delay ended {behavior.MostEarly.TotalMilliseconds} ms early, more than the bound {behavior.PossiblyEarly.TotalMilliseconds} ms");
    }
}
