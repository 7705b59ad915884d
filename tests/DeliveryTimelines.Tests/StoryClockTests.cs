using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class StoryClockTests
{
    [Fact]
    public void Story_hours_scale_to_real_time()
    {
        var clock = new StoryClock(0.25);

        Assert.Equal(TimeSpan.FromSeconds(0.75), clock.ToRealTime(3));
        Assert.Equal(3, clock.ToHours(TimeSpan.FromSeconds(0.75)), 9);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_mealtime_that_is_negative_or_not_finite_is_refused_naming_the_argument_and_value(double hours)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StoryClock(1).ToRealTime(hours, "mealtime"));

        Assert.Equal("mealtime", error.ParamName);
        Assert.Contains(hours.ToString(System.Globalization.CultureInfo.CurrentCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("finite number of story hours, 0 or more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mealtime_longer_than_the_longest_timer_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StoryClock(1).ToRealTime(1e9, "mealtime"));

        Assert.Equal("mealtime", error.ParamName);
        Assert.Contains("longest wait", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfOutOfRange_names_the_callers_own_argument_and_lets_a_valid_wait_through()
    {
        var clock = new StoryClock(1);
        double dropsAfter = -2;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.ThrowIfOutOfRange(dropsAfter));

        Assert.Equal("dropsAfter", error.ParamName);
        Assert.StartsWith("dropsAfter must be a finite number of story hours, 0 or more; got -2.", error.Message, StringComparison.Ordinal);
        Assert.Equal("mealtimes", Assert.Throws<ArgumentOutOfRangeException>(() => clock.ThrowIfOutOfRange(1e9, "mealtimes")).ParamName);
        clock.ThrowIfOutOfRange(0);
        clock.ThrowIfOutOfRange(StoryClock.MaxRealDelay.TotalSeconds); // the longest wait itself is allowed
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_clock_scale_that_is_not_a_positive_finite_number_is_refused(double secondsPerHour)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StoryClock(secondsPerHour));

        Assert.Equal("secondsPerHour", error.ParamName);
        Assert.Contains("greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_completes_only_when_the_scaled_time_has_passed()
    {
        var time = new FakeTimeProvider();
        var clock = new StoryClock(2, time);

        Task wait = clock.WaitAsync(1.5); // 3 real seconds
        time.Advance(TimeSpan.FromSeconds(2.999));
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_is_cancelled_by_its_token()
    {
        var time = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();
        Task wait = new StoryClock(1, time).WaitAsync(5, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Block_holds_the_thread_until_the_fake_clock_moves_on()
    {
        var time = new FakeTimeProvider();
        var clock = new StoryClock(1, time);
        using var started = new ManualResetEventSlim();

        Task blocked = Task.Factory.StartNew(() => { started.Set(); clock.Block(2); }, TaskCreationOptions.LongRunning);
        await Task.Run(() => started.Wait(TimeSpan.FromSeconds(10)));
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(double.Epsilon)]   // real time turned back into hours would be infinite
    [InlineData(1e-9)]             // an hour shorter than one 100 ns tick of TimeSpan: every wait would be 0
    [InlineData(5e6)]              // an hour longer than the longest wait: not one hour could be waited
    public void A_clock_scale_whose_hours_would_be_infinite_or_meaningless_is_refused(double secondsPerHour)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StoryClock(secondsPerHour));

        Assert.Equal("secondsPerHour", error.ParamName);
        Assert.Contains("from 1E-07", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smallest_and_largest_scales_the_constructor_takes_give_finite_hours()
    {
        var fine = new StoryClock(1e-7);
        var coarse = new StoryClock(StoryClock.MaxRealDelay.TotalSeconds);

        Assert.True(double.IsFinite(fine.ToHours(StoryClock.MaxRealDelay)));
        Assert.Equal(TimeSpan.FromTicks(1), new StoryClock(1e-7).ToRealTime(1e4 + 0.0) / 1e4);
        Assert.Equal(StoryClock.MaxRealDelay, coarse.ToRealTime(1));
    }

    [Theory]
    [InlineData(1.0, 0.0005, "0.5 ms")]
    [InlineData(0.02, 0.04, "0.8 ms")]
    [InlineData(0.001, 0.001, "0.001 ms")]
    [InlineData(1.0, 1e-300, "0 ms")]
    public void A_wait_shorter_than_the_timers_can_make_is_refused_naming_the_hours_the_scale_and_the_limit(double secondsPerHour, double hours, string real)
    {
        var clock = new StoryClock(secondsPerHour);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.ThrowIfOutOfRange(hours, "mealtime"));

        Assert.Equal("mealtime", error.ParamName);
        Assert.StartsWith(
            $"mealtime of {StoryHours.Format(hours)} hours at {StoryHours.Format(secondsPerHour)} s per hour is {(real == "0 ms" ? StoryHours.Format(hours * secondsPerHour * 1000) + " ms" : real)}, shorter than the shortest wait the timers can make (1 ms",
            error.Message, StringComparison.Ordinal);
        Assert.Contains($"use 0, at least {StoryHours.Format(clock.ShortestWait)} hours, or more seconds per hour", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = clock.WaitAsync(hours); }); // at the call, before anything waits
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Block(hours));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.02)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(3600.0)]
    public void No_wait_and_the_shortest_wait_are_allowed(double secondsPerHour)
    {
        var clock = new StoryClock(secondsPerHour);

        clock.ThrowIfOutOfRange(0);
        clock.ThrowIfOutOfRange(clock.ShortestWait);
        Assert.Equal(StoryClock.MinRealDelay.TotalSeconds, clock.ToRealTime(clock.ShortestWait).TotalSeconds, 9);
    }

    [Fact]
    public async Task A_zero_hour_wait_completes_at_once_even_on_the_system_clock()
    {
        Task wait = new StoryClock(1).WaitAsync(0);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }

    [Fact]
    public void The_command_lines_scale_range_keeps_a_story_hour_many_timer_ticks_long()
    {
        // 20 ms: about five ~4 ms ticks of the Linux timers per story hour (the measurements are in MinSecondsPerHour's remarks).
        Assert.Equal(0.02, StoryClock.MinSecondsPerHour);
        Assert.Equal(3600, StoryClock.MaxSecondsPerHour);
        Assert.True(StoryClock.MinSecondsPerHour * 1000 >= 5 * 4 - 1e-9);
        Assert.Equal(0.05, new StoryClock(StoryClock.MinSecondsPerHour).ShortestWait, 12);
    }
}
