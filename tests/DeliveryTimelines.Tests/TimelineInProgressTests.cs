using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class TimelineInProgressTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_begun_span_is_in_progress_up_to_now_until_it_ends_then_recorded_once()
    {
        var timeline = new Timeline("t", _time);
        Timeline.OpenSpan meal = timeline.Begin("A", Phase.Eating);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(timeline.Snapshot());
        Assert.Equal(1, timeline.InProgressCount);
        TimelineSpan drawn = Assert.Single(timeline.Snapshot(includeInProgress: true));
        Assert.Equal(new TimelineSpan("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(2), meal.ThreadId), drawn);

        _time.Advance(TimeSpan.FromSeconds(1));
        TimelineSpan ended = meal.End();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(meal.HasEnded);
        Assert.Equal(0, timeline.InProgressCount);
        Assert.Equal(TimeSpan.FromSeconds(3), ended.End);
        Assert.Equal([ended], timeline.Snapshot());
        Assert.Equal([ended], timeline.Snapshot(includeInProgress: true)); // once, and no longer growing
    }

    [Fact]
    public void Spans_in_progress_and_recorded_ones_come_back_ordered_by_start()
    {
        var timeline = new Timeline("t", _time);
        timeline.Record("early", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(3));
        using Timeline.OpenSpan late = timeline.Begin("late", Phase.Eating);
        timeline.Record("middle", Phase.Cooking, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["early", "middle", "late"], timeline.Snapshot(includeInProgress: true).Select(s => s.Name));
        Assert.Equal(["early", "middle"], timeline.Snapshot(includeInProgress: false).Select(s => s.Name));
    }

    [Fact]
    public void Ending_twice_is_refused_naming_the_span_and_disposing_after_an_end_does_nothing()
    {
        var timeline = new Timeline("t", _time);
        Timeline.OpenSpan meal = timeline.Begin("B", Phase.Eating);
        meal.End();

        var e = Assert.Throws<InvalidOperationException>(() => meal.End());
        Assert.Contains("eating span of B", e.Message, StringComparison.Ordinal);
        meal.Dispose();
        Assert.Equal(1, timeline.Count);
    }

    [Fact]
    public void Disposing_ends_a_span_still_in_progress()
    {
        var timeline = new Timeline("t", _time);
        using (timeline.Begin("dish 1", Phase.Cooking))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(timeline.Snapshot()).Duration);
    }

    [Theory]
    [InlineData("", Phase.Eating, "name")]
    [InlineData("A", "", "phase")]
    public void Begin_rejects_an_empty_name_or_phase_naming_it(string name, string phase, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new Timeline("t", _time).Begin(name, phase));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public async Task A_courier_meal_is_in_progress_while_the_customer_eats()
    {
        var clock = new StoryClock(1, _time);
        var courier = new Courier(clock, log: TextWriter.Null);
        Task<double> delivery = courier.DeliverAsync("A", 2);
        _time.Advance(TimeSpan.FromSeconds(0.5));

        TimelineSpan eating = Assert.Single(courier.Timeline.Snapshot(includeInProgress: true), s => s.Phase == Phase.Eating);
        Assert.Equal(TimeSpan.FromSeconds(0.5), eating.End);
        Assert.DoesNotContain(courier.Timeline.Snapshot(), s => s.Phase == Phase.Eating);

        _time.Advance(TimeSpan.FromSeconds(1.5));
        await delivery;
        Assert.Equal(0, courier.Timeline.InProgressCount);
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(courier.Timeline.Snapshot(), s => s.Phase == Phase.Eating).Duration);
    }
}
