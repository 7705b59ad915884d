using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>
/// How the real thread pool grows under blocking calls. The pool's timing is the machine's and the runtime's, so only
/// the structure and loose bounds are asserted: calls that started at once ran on as many threads, the first call that
/// waited waited longer than "at once", and no call waited much beyond the first calls' return.
/// </summary>
public sealed class PoolGrowthTests
{
    [Fact]
    public async Task Calls_start_at_once_until_the_pool_runs_out_then_the_next_ones_wait_for_a_thread()
    {
        var timeline = new Timeline("blocking calls");
        TimeSpan blocking = TimeSpan.FromSeconds(1);

        PoolGrowthResult result = await PoolGrowth.MeasureAsync(timeline, blocking, queuedBehind: 2);

        Assert.True(result.StartedAtOnce >= 1, result.ToString());
        Assert.Equal(3, result.Waits.Count); // the first that waited, and the two queued behind it
        Assert.True(result.Waits[0] >= 0.9 * PoolGrowth.DefaultAtOnceWithin, result.ToString());
        Assert.All(result.Waits, w => Assert.InRange(w, TimeSpan.Zero, blocking + TimeSpan.FromSeconds(1)));
        Assert.Equal(result.Waits[0], result.LateStarts[0]);
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(result.LateStarts[i] >= result.Waits[i], result.ToString())); // queued no earlier than the first
        ThreadPool.GetMinThreads(out int minThreads, out _);
        Assert.Equal(minThreads, result.MinThreads);
        Assert.Equal(blocking, result.Blocking);

        TimelineSpan[] spans = timeline.Snapshot();
        Assert.Equal(result.StartedAtOnce + 3, spans.Length);
        Assert.All(spans, s => Assert.Equal(PoolGrowth.Blocked, s.Phase));
        Assert.All(spans, s => Assert.True(s.End - s.Start >= 0.9 * blocking, $"{s.Name} held its thread {s.End - s.Start}"));
        int[] atOnceThreads = [.. Enumerable.Range(1, result.StartedAtOnce).Select(n => spans.Single(s => s.Name == $"call {n}").ThreadId).Distinct()];
        Assert.Equal(result.StartedAtOnce, atOnceThreads.Length); // each blocked a thread of its own
        Assert.True(result.ThreadsAfter >= result.StartedAtOnce, result.ToString()); // idle pool threads linger for about 20 s
        Assert.Contains($"the next 3 waited for a thread (s): ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calls_behind_are_queued_even_when_the_limit_stops_the_one_at_a_time_queueing()
    {
        var timeline = new Timeline("a short run");

        PoolGrowthResult result = await PoolGrowth.MeasureAsync(timeline, TimeSpan.FromMilliseconds(200), queuedBehind: 1, mostAtOnce: 2);

        Assert.InRange(result.StartedAtOnce, 0, 2);
        Assert.Equal(3 - result.StartedAtOnce, result.Waits.Count);
        Assert.Equal(result.Waits.Count, result.LateStarts.Count);
        Assert.Equal(3, timeline.Count);
    }

    [Theory]
    [InlineData(99, 2, 100, 64, "blocking")]
    [InlineData(60_001, 2, 100, 64, "blocking")]
    [InlineData(150, 2, 100, 64, "blocking")]      // less than twice atOnceWithin
    [InlineData(2_000, -1, 100, 64, "queuedBehind")]
    [InlineData(2_000, 17, 100, 64, "queuedBehind")]
    [InlineData(2_000, 2, 0, 64, "atOnceWithin")]
    [InlineData(2_000, 2, 1_001, 64, "atOnceWithin")]
    [InlineData(2_000, 2, 100, 0, "mostAtOnce")]
    [InlineData(2_000, 2, 100, 257, "mostAtOnce")]
    public void Arguments_outside_their_range_are_refused_at_the_call_naming_the_value(
        int blockingMs, int queuedBehind, int atOnceWithinMs, int mostAtOnce, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            _ = PoolGrowth.MeasureAsync(new Timeline(), TimeSpan.FromMilliseconds(blockingMs), queuedBehind, TimeSpan.FromMilliseconds(atOnceWithinMs), mostAtOnce);
        });

        Assert.Equal(argument, error.ParamName);
        Assert.Contains("got", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_timeline_is_refused_at_the_call()
    {
        var error = Assert.Throws<ArgumentNullException>(() => { _ = PoolGrowth.MeasureAsync(null!, TimeSpan.FromSeconds(1)); });

        Assert.Equal("timeline", error.ParamName);
    }
}
