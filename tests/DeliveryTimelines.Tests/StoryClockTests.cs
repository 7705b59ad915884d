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
}
