using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>
/// The heartbeat on fake time, inside a <see cref="SingleThreadLoop"/> as in lesson 01. The fake clock is always moved
/// on from another thread, as a real timer fires on its own thread, so each timer's continuation is queued to the loop:
/// <see cref="Free"/> awaits the move (the loop's thread is free meanwhile), <see cref="Held"/> blocks the loop's thread
/// until the move is done (the thread is held, as by <c>Thread.Sleep</c>).
/// </summary>
public sealed class HeartbeatTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuarterHour = TimeSpan.FromSeconds(0.25); // at 1 s per story hour
    private readonly FakeTimeProvider _time = new();

    private StoryClock Clock => new(1, _time);

    private static Task<T> OnOneThread<T>(Func<Task<T>> main) => SingleThreadLoop.RunAsync(main).WaitAsync(Bound);

    // Task.Yield after the move: had the move finished before the await looked, the caller would go on at once, ahead of
    // the beat the move made due (posted to the loop during Advance), and a beat would be re-armed a step late.
    private async Task Free(TimeSpan time)
    {
        await Task.Run(() => _time.Advance(time));
        await Task.Yield(); // queued on the loop behind whatever the move made due
    }

    private void Held(TimeSpan time) => Task.Run(() => _time.Advance(time)).Wait(); // blocks the loop's thread on purpose

    private static double[] Hours(IEnumerable<TimelineSpan> spans, Func<TimelineSpan, TimeSpan> at) =>
        [.. spans.Select(s => Math.Round(at(s).TotalSeconds, 6))];

    [Fact]
    public async Task While_its_thread_is_free_every_beat_runs_when_due_and_none_is_overdue()
    {
        var timeline = new Timeline("free", Clock);

        int beats = await OnOneThread(async () =>
        {
            var heartbeat = Heartbeat.Start(Clock, 0.25, timeline);
            for (int i = 0; i < 4; i++)
            {
                await Free(QuarterHour); // the thread is free: each beat runs when due
            }

            return await heartbeat.StopAsync();
        });

        Assert.Equal(4, beats);
        TimelineSpan[] spans = timeline.Snapshot();
        Assert.Equal([0.25, 0.5, 0.75, 1.0], Hours(spans.Where(s => s.Phase == Phase.Heartbeat), s => s.Start));
        Assert.DoesNotContain(spans, s => s.Phase == Phase.BeatOverdue);
        Assert.All(spans, s => Assert.Equal(Phase.Heartbeat, s.Name));
    }

    [Fact]
    public async Task While_its_thread_is_held_the_beat_waits_and_then_records_how_overdue_it_was()
    {
        var timeline = new Timeline("held", Clock);

        int beats = await OnOneThread(() =>
        {
            var heartbeat = Heartbeat.Start(Clock, 0.25, timeline);
            Held(TimeSpan.FromSeconds(3));   // three hours pass and the thread never lets go
            return heartbeat.StopAsync();    // its first await: only now can the due beat run
        });

        Assert.Equal(1, beats); // one beat got through, at the very end; the stop cancelled the next wait
        TimelineSpan overdue = Assert.Single(timeline.Snapshot(), s => s.Phase == Phase.BeatOverdue);
        Assert.Equal((TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(3)), (overdue.Start, overdue.End));
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(timeline.Snapshot(), s => s.Phase == Phase.Heartbeat).Start);
    }

    [Fact]
    public async Task A_beat_that_runs_a_little_late_records_a_thin_overdue_span()
    {
        var timeline = new Timeline("late", Clock);

        await OnOneThread(async () =>
        {
            var heartbeat = Heartbeat.Start(Clock, 0.25, timeline);
            Held(QuarterHour + TimeSpan.FromMilliseconds(3)); // the thread is busy until 3 ms past the beat
            return await heartbeat.StopAsync();
        });

        TimelineSpan overdue = Assert.Single(timeline.Snapshot(), s => s.Phase == Phase.BeatOverdue);
        Assert.Equal(TimeSpan.FromMilliseconds(3), overdue.Duration);
    }

    [Fact]
    public async Task The_lessons_round_awaiting_deliveries_lets_the_heartbeat_through_and_blocking_ones_do_not()
    {
        // The round of lesson 01: A, B, C eat 1, 2 and 3 hours one after another with a heartbeat every quarter hour.
        async Task<int> Round(Timeline timeline, bool blocking)
        {
            var heartbeat = Heartbeat.Start(Clock, 0.25, timeline);
            var courier = new Courier(Clock, timeline, TextWriter.Null);
            foreach (var (name, mealtime) in new[] { ("A", 1.0), ("B", 2.0), ("C", 3.0) })
            {
                if (blocking)
                {
                    // What Deliver does to the heartbeat: the thread is held while the meal's time passes. (Deliver
                    // itself would wait for another thread to move the fake clock, at a moment no test can pick.)
                    timeline.Mark(name, Phase.Delivering);
                    Held(TimeSpan.FromSeconds(mealtime));
                }
                else
                {
                    Task<double> meal = courier.DeliverAsync(name, mealtime);
                    for (int quarter = 0; quarter < mealtime * 4; quarter++)
                    {
                        await Free(QuarterHour);
                    }

                    await meal;
                }
            }

            return await heartbeat.StopAsync();
        }

        var awaited = new Timeline("awaiting", Clock);
        int awaitedBeats = await OnOneThread(() => Round(awaited, blocking: false));
        var blocked = new Timeline("blocking", Clock); // a timeline's time starts when it is made
        int blockedBeats = await OnOneThread(() => Round(blocked, blocking: true));

        Assert.Equal(24, awaitedBeats); // 6 hours / 0.25: on fake time no timer is late
        Assert.Equal(1, blockedBeats);
        Assert.Equal(TimeSpan.FromSeconds(6), blocked.Snapshot().Single(s => s.Phase == Phase.Heartbeat).Start);
    }

    [Fact]
    public async Task Stopping_twice_returns_the_same_count_and_disposing_stops_it_too()
    {
        var timeline = new Timeline("stop", Clock);

        (int first, int second, int afterDispose) = await OnOneThread(async () =>
        {
            var heartbeat = Heartbeat.Start(Clock, 0.5, timeline);
            await Free(TimeSpan.FromSeconds(0.5));
            int first = await heartbeat.StopAsync();
            await Free(TimeSpan.FromSeconds(2)); // stopped: no more beats
            int second = await heartbeat.StopAsync();

            var disposed = Heartbeat.Start(Clock, 0.5, timeline, "other");
            await disposed.DisposeAsync();
            await Free(TimeSpan.FromSeconds(1));
            return (first, second, disposed.Beats);
        });

        Assert.Equal((1, 1, 0), (first, second, afterDispose));
        Assert.Single(timeline.Snapshot(), s => s.Phase == Phase.Heartbeat);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.25)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e12)]
    public void An_interval_that_is_not_a_positive_wait_the_clock_can_make_is_refused_naming_it(double everyHours)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Heartbeat.Start(Clock, everyHours, new Timeline("t", _time)));

        Assert.Equal("everyHours", error.ParamName);
    }

    [Fact]
    public void A_timeline_on_another_clock_a_missing_argument_or_a_blank_name_is_refused()
    {
        Assert.Equal("timeline", Assert.Throws<ArgumentException>(() => Heartbeat.Start(Clock, 0.25, new Timeline("t", new StoryClock(2, _time)))).ParamName);
        Assert.Throws<ArgumentNullException>(() => Heartbeat.Start(null!, 0.25, new Timeline("t", _time)));
        Assert.Throws<ArgumentNullException>(() => Heartbeat.Start(Clock, 0.25, null!));
        Assert.ThrowsAny<ArgumentException>(() => Heartbeat.Start(Clock, 0.25, new Timeline("t", _time), " "));
    }
}
