using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class QuietDeliveriesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gathered_results_come_back_in_delivery_order_on_either_clock(bool shared)
    {
        var clock = Clock(shared);

        Task<double[]> gathered = QuietDeliveries.GatherAsync(clock, 7, [3, 1, 2]);
        _time.Advance(TimeSpan.FromSeconds(2.999));
        Assert.False(gathered.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.001));

        Assert.Equal(new[] { 3.0, 1, 2, 3, 1, 2, 3 }, await gathered.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_million_deliveries_with_three_mealtimes_need_three_timers_on_the_shared_clock()
    {
        var clock = Clock(shared: true);

        Task<double[]> gathered = QuietDeliveries.GatherAsync(clock, 1_000_000, [1, 2, 3]);

        Assert.Equal(3, clock.Timers!.PendingTimers);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(333_334 * 1 + 333_333 * 2 + 333_333 * 3, (await gathered.WaitAsync(Patience)).Sum());
        Assert.Equal(0, clock.Timers.PendingTimers);
    }

    [Fact]
    public async Task A_delivery_that_fails_after_a_shared_wait_fails_the_gather_and_no_other_delivery()
    {
        var clock = Clock(shared: true);
        Task<double> ok = QuietDeliveries.DeliverAsync(clock, 1);
        Task<double> failing = FailAfterMeal(clock);
        Task<double> alsoOk = QuietDeliveries.DeliverAsync(clock, 1);
        Task<double[]> gathered = Task.WhenAll(ok, failing, alsoOk);

        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => gathered.WaitAsync(Patience));
        Assert.Equal("no dishes", error.Message);
        Assert.Equal(1, await ok);
        Assert.Equal(1, await alsoOk);

        static async Task<double> FailAfterMeal(StoryClock clock)
        {
            await clock.WaitAsync(1);
            throw new InvalidOperationException("no dishes");
        }
    }

    [Fact]
    public async Task Cancelling_the_crowd_cancels_the_gather_and_leaves_no_timer_behind()
    {
        var clock = Clock(shared: true);
        using var cancel = new CancellationTokenSource();
        Task<double[]> gathered = QuietDeliveries.GatherAsync(clock, 1_000, [1, 2], cancel.Token);

        _time.Advance(TimeSpan.FromSeconds(1.5));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gathered.WaitAsync(Patience));
        Assert.True(gathered.IsCanceled);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, clock.Timers!.PendingTimers);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        var clock = Clock(shared: true);

        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = QuietDeliveries.GatherAsync(clock, -1, [1]); }).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => { _ = QuietDeliveries.GatherAsync(clock, 3, []); });
        Assert.Equal("mealtimes", empty.ParamName);
        Assert.Equal("mealtimes", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = QuietDeliveries.GatherAsync(clock, 3, [1, -2]); }).ParamName);
        Assert.Throws<ArgumentNullException>(() => { _ = QuietDeliveries.GatherAsync(null!, 3, [1]); });
    }

    [Fact]
    public async Task No_deliveries_gather_to_no_results_at_once()
    {
        Task<double[]> gathered = QuietDeliveries.GatherAsync(Clock(shared: true), 0, [1]);

        Assert.True(gathered.IsCompletedSuccessfully);
        Assert.Empty(await gathered);
    }

    [Fact]
    public void A_shared_timer_clock_keeps_the_scale_and_time_provider_of_the_clock_it_came_from()
    {
        var plain = new StoryClock(0.5, _time);

        StoryClock shared = plain.WithSharedTimers(TimeSpan.FromMilliseconds(4));

        Assert.Null(plain.Timers);
        Assert.Equal(0.5, shared.SecondsPerHour);
        Assert.Same(_time, shared.TimeProvider);
        Assert.Same(_time, shared.Timers!.TimeProvider);
        Assert.Equal(TimeSpan.FromMilliseconds(4), shared.Timers.Resolution);
        Assert.Equal("1 story hour = 0.5 s, shared timers every 4 ms", shared.ToString());
    }

    [Theory]
    [InlineData(false, 1_000)]
    [InlineData(true, 2)]
    public async Task Measuring_a_gather_reports_its_overhead_bytes_and_timers(bool shared, int timers)
    {
        var clock = Clock(shared);

        Task<GatherCost> measuring = QuietDeliveries.MeasureAsync(clock, 1_000, [1, 2]);
        _time.Advance(TimeSpan.FromSeconds(2.5)); // half an hour late: the overhead, on a clock where nothing else passes
        GatherCost cost = await measuring.WaitAsync(Patience);

        Assert.Equal(1_000, cost.Deliveries);
        Assert.Equal(TimeSpan.FromSeconds(2.5), cost.Wall);
        Assert.Equal(TimeSpan.FromSeconds(0.5), cost.Overhead); // above the longest meal, 2 h = 2 s
        Assert.Equal(timers, cost.Timers);
        Assert.True(cost.BytesPerDelivery > 0, $"{cost.BytesPerDelivery} bytes per delivery");
    }

    [Fact]
    public async Task Measuring_no_deliveries_costs_nothing_per_delivery()
    {
        GatherCost cost = await QuietDeliveries.MeasureAsync(Clock(shared: true), 0, [1]).WaitAsync(Patience);

        Assert.Equal(0, cost.BytesPerDelivery);
        Assert.Equal(0, cost.Timers);
    }

    [Fact]
    public void Measuring_refuses_bad_input_at_the_call()
    {
        var clock = Clock(shared: false);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = QuietDeliveries.MeasureAsync(clock, -1, [1]); }).ParamName);
        Assert.Equal("mealtimes", Assert.Throws<ArgumentException>(() => { _ = QuietDeliveries.MeasureAsync(clock, 1, []); }).ParamName);
        Assert.Equal("mealtimes", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = QuietDeliveries.MeasureAsync(clock, 1, [double.NaN]); }).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => { _ = QuietDeliveries.MeasureAsync(null!, 1, [1]); }).ParamName);
    }

    private StoryClock Clock(bool shared)
    {
        var clock = new StoryClock(1, _time);
        return shared ? clock.WithSharedTimers() : clock;
    }
}
