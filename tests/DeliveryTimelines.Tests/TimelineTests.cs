using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class TimelineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_snapshot_comes_back_ordered_by_start_and_elapsed_is_the_latest_end()
    {
        var timeline = new Timeline("t", _time);
        timeline.Record("B", Phase.Eating, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        timeline.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(2));

        Assert.Equal(["A", "B"], timeline.Snapshot().Select(s => s.Name));
        Assert.Equal(TimeSpan.FromSeconds(5), timeline.Elapsed);
        Assert.Equal(2, timeline.Count);
    }

    [Fact]
    public void A_snapshot_is_a_copy_ordered_by_start_then_end_that_later_spans_do_not_change()
    {
        var timeline = new Timeline("t", _time);
        timeline.Record("long", Phase.Eating, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        timeline.Record("short", Phase.Eating, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        TimelineSpan[] before = timeline.Snapshot();
        timeline.Record("first", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        Assert.Equal(["short", "long"], before.Select(s => s.Name)); // a tie on start: the earlier end first
        Assert.Equal(["first", "short", "long"], timeline.Snapshot().Select(s => s.Name));
        Assert.NotSame(timeline.Snapshot(), timeline.Snapshot());
    }

    [Fact]
    public void Measure_records_from_open_to_dispose_on_the_timelines_clock()
    {
        var timeline = new Timeline("t", _time);
        _time.Advance(TimeSpan.FromSeconds(1));

        using (timeline.Measure("dish 1", Phase.Cooking))
        {
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        var span = Assert.Single(timeline.Snapshot());
        Assert.Equal(TimeSpan.FromSeconds(1), span.Start);
        Assert.Equal(TimeSpan.FromSeconds(2), span.Duration);
        Assert.Equal(Environment.CurrentManagedThreadId, span.ThreadId);
    }

    [Fact]
    public void Mark_records_an_instant()
    {
        var timeline = new Timeline("t", _time);
        _time.Advance(TimeSpan.FromSeconds(4));

        timeline.Mark("A", Phase.Delivering);

        var span = Assert.Single(timeline.Snapshot());
        Assert.Equal(TimeSpan.FromSeconds(4), span.Start);
        Assert.Equal(TimeSpan.Zero, span.Duration);
    }

    [Fact]
    public void A_span_that_ends_before_it_starts_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Timeline().Record("A", Phase.Eating, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));

        Assert.Equal("end", error.ParamName);
    }

    [Theory]
    [InlineData(null, Phase.Eating, "name")]
    [InlineData("", Phase.Eating, "name")]
    [InlineData("A", null, "phase")]
    [InlineData("A", "", "phase")]
    public void A_missing_name_or_phase_is_refused(string? name, string? phase, string argument)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new Timeline().Record(name!, phase!, TimeSpan.Zero, TimeSpan.Zero));

        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void A_timeline_on_a_story_clock_knows_it_and_takes_its_time_from_the_clock()
    {
        var clock = new StoryClock(0.5, _time);
        var timeline = new Timeline("on the clock", clock);
        _time.Advance(TimeSpan.FromSeconds(1.5));

        timeline.Mark("A", Phase.Delivering);

        Assert.Same(clock, timeline.Clock);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Assert.Single(timeline.Snapshot()).Start);
        Assert.Equal(3.0, timeline.Clock!.ToHours(timeline.Elapsed));
        Assert.Equal("on the clock: 1 spans, 1.500 s (3.00 story hours)", timeline.ToString());
    }

    [Fact]
    public void A_timeline_without_a_clock_stays_in_real_time()
    {
        var timeline = new Timeline("kitchen", _time);

        Assert.Null(timeline.Clock);
        Assert.Null(new Timeline().Clock);
        Assert.Equal("kitchen: 0 spans, 0.000 s", timeline.ToString());
    }

    [Fact]
    public void A_timeline_on_no_clock_at_all_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => new Timeline("t", (StoryClock)null!));

    [Fact]
    public void A_blank_title_is_refused() =>
        Assert.ThrowsAny<ArgumentException>(() => new Timeline(" "));

    [Fact]
    public void Eight_threads_recording_at_once_lose_nothing()
    {
        var timeline = new Timeline("t", _time);
        const int perThread = 50_000;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (int i = 0; i < perThread; i++)
            {
                timeline.Record($"{thread}", Phase.Cooking, TimeSpan.Zero, TimeSpan.FromTicks(i));
            }
        });

        Assert.Equal(8 * perThread, timeline.Count);
        Assert.All(timeline.Snapshot().GroupBy(s => s.Name), g => Assert.Equal(perThread, g.Count()));
    }

    [Fact]
    public async Task A_hundred_thousand_concurrent_deliveries_lose_no_event()
    {
        // The real clock at 1 story hour = 10 ms: the fake clock's timer list is not built for 100,000 waiters, and
        // nothing here depends on timing, only on every event arriving from many threads at once.
        const int n = 100_000;
        var timeline = new Timeline("100k");
        var courier = new Courier(new StoryClock(0.01), timeline, TextWriter.Null);
        var deliveries = new Task<double>[n];

        // Off xunit's synchronization context: the courier continues on its caller's context, and xunit's allows only
        // as many continuations at once as there are cores.
        double[] results = await Task.Run(() =>
        {
            Parallel.For(0, n, i => deliveries[i] = courier.DeliverAsync($"d{i}", i % 3 + 1));
            return Task.WhenAll(deliveries);
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(0, n).Select(i => (double)(i % 3 + 1)), results);
        Assert.Equal(3 * n, timeline.Count);
        Assert.All(timeline.Snapshot().GroupBy(s => s.Name), g =>
            Assert.Equal([Phase.Collecting, Phase.Delivering, Phase.Eating], g.Select(s => s.Phase).Order(StringComparer.Ordinal)));
        Assert.Equal(n, timeline.Snapshot().Select(s => s.Name).Distinct().Count());
    }
}
