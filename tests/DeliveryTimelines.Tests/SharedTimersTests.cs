using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class SharedTimersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Waits_ending_in_the_same_tick_share_one_timer_and_one_task()
    {
        var timers = new SharedTimers(_time);

        Task[] waits = Enumerable.Range(0, 1_000).Select(i => timers.DelayAsync(TimeSpan.FromSeconds(1 + i % 3))).ToArray();

        Assert.Equal(3, timers.PendingTimers);
        Assert.Same(waits[0], waits[3]);
        Assert.Same(waits[1], waits[997]);
        Assert.NotSame(waits[0], waits[1]);
    }

    [Fact]
    public async Task A_wait_ends_when_its_delay_has_passed_and_not_before()
    {
        var timers = new SharedTimers(_time);
        Task wait = timers.DelayAsync(TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.False(wait.IsCompleted);

        _time.Advance(TimeSpan.FromTicks(1));
        await wait.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_deadline_between_ticks_is_rounded_up_to_the_next_tick()
    {
        var timers = new SharedTimers(_time, TimeSpan.FromMilliseconds(4));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Task wait = timers.DelayAsync(TimeSpan.FromMilliseconds(10)); // deadline 11 ms: the tick at 12 ms

        Task sameTick = timers.DelayAsync(TimeSpan.FromMilliseconds(11));
        Assert.Same(wait, sameTick);

        _time.Advance(TimeSpan.FromMilliseconds(10.9)); // now 11.9 ms
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(0.1)); // 12 ms
        await wait.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_tick_is_forgotten_once_its_timer_has_fired()
    {
        var timers = new SharedTimers(_time);
        Task first = timers.DelayAsync(TimeSpan.FromSeconds(1));
        Task second = timers.DelayAsync(TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(1));
        await first.WaitAsync(Patience);
        Assert.Equal(1, timers.PendingTimers);

        _time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(Patience);
        Assert.Equal(0, timers.PendingTimers);

        Task later = timers.DelayAsync(TimeSpan.FromSeconds(1)); // a new tick after the old ones are gone
        Assert.False(later.IsCompleted);
        Assert.Equal(1, timers.PendingTimers);
    }

    [Fact]
    public async Task A_timer_that_wakes_early_is_rearmed_so_no_wait_ends_before_its_deadline()
    {
        var early = new EarlyFirstTimer(_time, TimeSpan.FromMilliseconds(2));
        var timers = new SharedTimers(early);
        Task wait = timers.DelayAsync(TimeSpan.FromMilliseconds(10));

        _time.Advance(TimeSpan.FromMilliseconds(8)); // the OS-like timer fires here, 2 ms early
        Assert.Equal(1, early.Fired);
        Assert.False(wait.IsCompleted);
        Assert.Equal(1, timers.PendingTimers);

        _time.Advance(TimeSpan.FromMilliseconds(2));
        await wait.WaitAsync(Patience);
        Assert.Equal(0, timers.PendingTimers);
    }

    [Fact]
    public async Task A_thread_held_up_past_its_tick_before_arming_gets_a_timer_that_fires_at_once()
    {
        // Every clock reading moves time on 3 ms, as if a busy machine held the thread up between readings: by the
        // time the tick's timer is armed, the 1 ms wait's tick is already in the past.
        var heldUp = new SteppingTime(_time, TimeSpan.FromMilliseconds(3));
        var timers = new SharedTimers(heldUp);

        Task wait = timers.DelayAsync(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.Zero);

        await wait.WaitAsync(Patience);
        Assert.Equal(0, timers.PendingTimers);
    }

    [Fact]
    public async Task Cancelling_one_wait_leaves_the_others_of_its_tick_waiting()
    {
        var timers = new SharedTimers(_time);
        using var cancel = new CancellationTokenSource();
        Task cancelled = timers.DelayAsync(TimeSpan.FromSeconds(1), cancel.Token);
        Task other = timers.DelayAsync(TimeSpan.FromSeconds(1));

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.False(other.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await other.WaitAsync(Patience);
        Assert.Equal(0, timers.PendingTimers);
    }

    [Fact]
    public void An_already_cancelled_token_gives_a_cancelled_task_and_no_timer()
    {
        var timers = new SharedTimers(_time);

        Task wait = timers.DelayAsync(TimeSpan.FromSeconds(1), new CancellationToken(canceled: true));

        Assert.True(wait.IsCanceled);
        Assert.Equal(0, timers.PendingTimers);
    }

    [Fact]
    public void A_zero_delay_is_already_complete()
    {
        var timers = new SharedTimers(_time);

        Assert.True(timers.DelayAsync(TimeSpan.Zero).IsCompletedSuccessfully);
        Assert.Equal(0, timers.PendingTimers);
    }

    [Fact]
    public async Task Waits_from_many_threads_at_once_all_land_in_their_tick()
    {
        var timers = new SharedTimers(_time);
        var waits = new Task[100_000];

        Parallel.For(0, waits.Length, i => waits[i] = timers.DelayAsync(TimeSpan.FromSeconds(1 + i % 2)));

        Assert.Equal(2, timers.PendingTimers);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(waits).WaitAsync(Patience);
        Assert.Equal(0, timers.PendingTimers);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(5e9)]
    public void A_delay_that_is_negative_or_too_long_is_refused_naming_the_argument(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = new SharedTimers(_time).DelayAsync(TimeSpan.FromSeconds(seconds)); });

        Assert.Equal("delay", error.ParamName);
        Assert.Contains("between 0 and", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-10_000L)]
    [InlineData(20_000_000L)]
    public void A_resolution_outside_100_ns_to_1_s_is_refused_naming_the_argument_and_value(long ticks)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SharedTimers(_time, TimeSpan.FromTicks(ticks)));

        Assert.Equal("resolution", error.ParamName);
        Assert.Contains(TimeSpan.FromTicks(ticks).ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_is_the_system_clock_at_1_ms()
    {
        var timers = new SharedTimers();

        Assert.Same(TimeProvider.System, timers.TimeProvider);
        Assert.Equal(TimeSpan.FromMilliseconds(1), timers.Resolution);
    }

    [Fact]
    public async Task On_the_real_clock_ten_thousand_waits_need_only_a_few_timers_and_none_ends_early()
    {
        var timers = new SharedTimers();
        long start = TimeProvider.System.GetTimestamp();

        Task[] waits = Enumerable.Range(0, 10_000).Select(_ => timers.DelayAsync(TimeSpan.FromMilliseconds(50))).ToArray();
        int pending = timers.PendingTimers;
        await Task.WhenAll(waits).WaitAsync(Patience);
        TimeSpan elapsed = TimeProvider.System.GetElapsedTime(start);

        Assert.InRange(pending, 1, 1 + (int)Math.Ceiling(elapsed.TotalMilliseconds)); // at most one per millisecond of creation
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(50), $"took {elapsed.TotalMilliseconds} ms, less than the 50 ms asked");
        Assert.Equal(0, timers.PendingTimers);
    }

    /// <summary>Fake time that moves on by <c>step</c> at every reading.</summary>
    private sealed class SteppingTime(FakeTimeProvider time, TimeSpan step) : TimeProvider
    {
        public override long TimestampFrequency => time.TimestampFrequency;

        public override long GetTimestamp()
        {
            time.Advance(step);
            return time.GetTimestamp();
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            time.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Fake time whose first timer fires <c>early</c> before its due time, as an OS timer may.</summary>
    private sealed class EarlyFirstTimer(FakeTimeProvider time, TimeSpan early) : TimeProvider
    {
        public int Fired { get; private set; }

        public override long TimestampFrequency => time.TimestampFrequency;

        public override long GetTimestamp() => time.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            bool first = Fired == 0;
            return time.CreateTimer(s => { Fired++; callback(s); }, state, first ? dueTime - early : dueTime, period);
        }
    }
}
