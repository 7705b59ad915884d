using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class CourierTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly WatchedTime _time = new();
    private readonly StringWriter _log = new();

    public void Dispose() => _log.Dispose();

    private async Task DeliverAandB(Courier courier)
    {
        Task<double> a = courier.DeliverAsync("A", 1), b = courier.DeliverAsync("B", 2);
        _time.Advance(TimeSpan.FromSeconds(1));
        await a.WaitAsync(Bound);
        _time.Advance(TimeSpan.FromSeconds(1));
        await b.WaitAsync(Bound);
    }

    private Courier NewCourier(Timeline? timeline = null) =>
        new(new StoryClock(1, _time), timeline ?? new Timeline("test", _time), _log);

    [Fact]
    public async Task Gathered_deliveries_finish_with_their_meals_and_return_results_in_argument_order()
    {
        var courier = NewCourier();
        Task<double> a = courier.DeliverAsync("A", 1), b = courier.DeliverAsync("B", 2), c = courier.DeliverAsync("C", 3);
        Task<double[]> all = Task.WhenAll(c, a, b);

        _time.Advance(TimeSpan.FromSeconds(1));
        await a.WaitAsync(Bound);
        Assert.False(b.IsCompleted);

        // Continuations run on the thread pool: let each meal's finish be recorded before the clock moves on.
        _time.Advance(TimeSpan.FromSeconds(1));
        await b.WaitAsync(Bound);
        _time.Advance(TimeSpan.FromSeconds(1));
        double[] results = await all.WaitAsync(Bound);
        Assert.Equal([3.0, 1.0, 2.0], results);
        Assert.Equal(TimeSpan.FromSeconds(3), courier.Timeline.Elapsed);
    }

    [Fact]
    public async Task Each_delivery_records_delivered_eating_and_collected()
    {
        var courier = NewCourier();
        await DeliverAandB(courier);

        var spans = courier.Timeline.Snapshot();
        foreach (var (name, hours) in new[] { ("A", 1.0), ("B", 2.0) })
        {
            var mine = spans.Where(s => s.Name == name).ToArray();
            Assert.Equal([Phase.Delivering, Phase.Eating, Phase.Collecting], mine.Select(s => s.Phase));
            Assert.Equal(TimeSpan.FromSeconds(hours), mine.Single(s => s.Phase == Phase.Eating).Duration);
            Assert.Equal(TimeSpan.Zero, mine.Single(s => s.Phase == Phase.Delivering).Duration);
        }
    }

    [Fact]
    public async Task The_log_tells_the_story_in_order()
    {
        var courier = NewCourier();
        await DeliverAandB(courier);

        string[] lines = _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..].TrimEnd('\r')).ToArray();
        Assert.Equal(
            ["Delivered to A!", "Delivered to B!", "A finished eating, took 1 h", "A's dishes collected",
             "B finished eating, took 2 h", "B's dishes collected"],
            lines);
        Assert.StartsWith("[t= 0.00 h]", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_blocking_twin_holds_its_thread_for_the_meal()
    {
        var courier = NewCourier();
        Task<double> blocked = Task.Factory.StartNew(() => courier.Deliver("A", 2), TaskCreationOptions.LongRunning);
        await _time.FirstTimer.WaitAsync(Bound); // the meal's timer exists: moving the clock now cannot miss it

        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50); // a chance to end too early, which it must not take
        Assert.False(blocked.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2.0, await blocked.WaitAsync(Bound));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_name_is_refused_at_the_call(string? name)
    {
        var courier = NewCourier();

        var async = Assert.ThrowsAny<ArgumentException>(() => { _ = courier.DeliverAsync(name!, 1); });
        var blocking = Assert.ThrowsAny<ArgumentException>(() => courier.Deliver(name!, 1));

        Assert.Equal("name", async.ParamName);
        Assert.Equal("name", blocking.ParamName);
        Assert.Equal(0, courier.Timeline.Count);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_mealtime_is_refused_at_the_call_naming_the_mealtime(double mealtime)
    {
        var courier = NewCourier();

        var async = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = courier.DeliverAsync("A", mealtime); });
        var blocking = Assert.Throws<ArgumentOutOfRangeException>(() => courier.Deliver("A", mealtime));

        Assert.Equal("mealtime", async.ParamName);
        Assert.Equal("mealtime", blocking.ParamName);
        Assert.Equal(0, courier.Timeline.Count);
    }

    [Fact]
    public async Task A_cancelled_delivery_stops_early_and_the_others_still_finish()
    {
        var courier = NewCourier();
        using var cancel = new CancellationTokenSource();
        Task<double> a = courier.DeliverAsync("A", 1);
        Task<double> b = courier.DeliverAsync("B", 3, cancel.Token);
        Task<double> c = courier.DeliverAsync("C", 2);
        Task all = Task.WhenAll(a, b, c);

        _time.Advance(TimeSpan.FromSeconds(1));
        await a.WaitAsync(Bound);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.WaitAsync(Bound));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => all.WaitAsync(Bound));

        Assert.Equal(1.0, await a);
        Assert.Equal(2.0, await c);
        Assert.True(b.IsCanceled);
        var eatingB = courier.Timeline.Snapshot().Single(s => s.Name == "B" && s.Phase == Phase.Eating);
        Assert.Equal(TimeSpan.FromSeconds(1.5), eatingB.Duration);
        Assert.Contains(courier.Timeline.Snapshot(), s => s.Name == "B" && s.Phase == Phase.Cancelled);
        Assert.DoesNotContain(courier.Timeline.Snapshot(), s => s.Name == "B" && s.Phase == Phase.Collecting);
    }

    [Fact]
    public void A_couriers_own_timeline_is_on_its_clock_so_charts_can_show_story_hours()
    {
        var clock = new StoryClock(0.25, _time);

        Assert.Same(clock, new Courier(clock, log: _log).Timeline.Clock);
        Assert.Same(StoryClock.Default, new Courier(log: _log).Timeline.Clock);
    }

    [Fact]
    public void A_courier_records_on_a_timeline_in_real_time_or_on_a_clock_of_its_own_scale()
    {
        var clock = new StoryClock(0.25, _time);

        _ = new Courier(clock, new Timeline("real time", _time), _log);
        _ = new Courier(clock.WithSharedTimers(), new Timeline("same scale, same time", clock), _log);
        var error = Assert.Throws<ArgumentException>(() => new Courier(clock, new Timeline("other scale", new StoryClock(1, _time)), _log));
        var otherTime = Assert.Throws<ArgumentException>(() => new Courier(clock, new Timeline("other time", new StoryClock(0.25)), _log));

        Assert.Equal("timeline", error.ParamName);
        Assert.Contains("is on another story clock (1 story hour = 1 s) than the one its work waits on (1 story hour = 0.25 s)", error.Message, StringComparison.Ordinal);
        Assert.Equal("timeline", otherTime.ParamName);
    }

    /// <summary>A fake clock that tells when its first timer has been created.</summary>
    private sealed class WatchedTime : FakeTimeProvider
    {
        private readonly TaskCompletionSource _firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when something has created a timer on this clock (a wait has begun).</summary>
        public Task FirstTimer => _firstTimer.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = base.CreateTimer(callback, state, dueTime, period);
            _firstTimer.TrySetResult();
            return timer;
        }
    }
}
