using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ChartTests
{
    private static async Task<Timeline> Run(string title, bool concurrent)
    {
        var time = new FakeTimeProvider();
        var courier = new Courier(new StoryClock(1, time), new Timeline(title, time), TextWriter.Null);
        var bound = TimeSpan.FromSeconds(10);
        if (concurrent)
        {
            var meals = new[] { courier.DeliverAsync("A", 1), courier.DeliverAsync("B", 2), courier.DeliverAsync("C", 3) };
            foreach (var meal in meals)
            {
                time.Advance(TimeSpan.FromSeconds(1)); // one hour at a time, each finish recorded before the next
                await meal.WaitAsync(bound);
            }
        }
        else
        {
            foreach (var (name, hours) in new[] { ("A", 1), ("B", 2), ("C", 3) })
            {
                var one = courier.DeliverAsync(name, hours);
                time.Advance(TimeSpan.FromSeconds(hours));
                await one.WaitAsync(bound);
            }
        }

        return courier.Timeline;
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static IEnumerable<JsonElement> Traces(JsonElement figure, string type) =>
        figure.GetProperty("data").EnumerateArray().Where(t => t.GetProperty("type").GetString() == type);

    [Fact]
    public async Task The_gantt_chart_has_one_bar_per_span_with_a_length_at_its_start_and_markers_for_instants()
    {
        Timeline timeline = await Run("concurrent", concurrent: true);

        JsonElement figure = Figure(TimelineChart.Gantt(timeline));

        var bars = Traces(figure, "bar").ToArray();
        Assert.Equal(3, bars.Sum(t => t.GetProperty("x").GetArrayLength()));
        Assert.All(bars, t => Assert.Equal("h", t.GetProperty("orientation").GetString()));
        Assert.Equal([0.0, 0.0, 0.0], bars.SelectMany(t => t.GetProperty("base").EnumerateArray()).Select(e => e.GetDouble()));
        Assert.Equal([1.0, 2.0, 3.0], bars.SelectMany(t => t.GetProperty("x").EnumerateArray()).Select(e => e.GetDouble()).Order());
        Assert.Equal(6, Traces(figure, "scatter").Sum(t => t.GetProperty("x").GetArrayLength()));
    }

    [Fact]
    public async Task The_total_elapsed_is_marked_and_the_axis_is_titled_in_seconds()
    {
        JsonElement layout = Figure(TimelineChart.Gantt(await Run("concurrent", concurrent: true))).GetProperty("layout");

        var line = Assert.Single(layout.GetProperty("shapes").EnumerateArray());
        Assert.Equal(3.0, line.GetProperty("x0").GetDouble());
        Assert.Equal("seconds since start", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains(layout.GetProperty("annotations").EnumerateArray(), a => a.GetProperty("text").GetString() == "total 3.00 s");
    }

    [Fact]
    public async Task Compare_stacks_each_run_in_its_own_panel_on_a_shared_time_range()
    {
        JsonElement layout = Figure(TimelineChart.Compare(await Run("sequential", false), await Run("concurrent", true))).GetProperty("layout");

        Assert.True(layout.TryGetProperty("xaxis2", out JsonElement x2));
        Assert.True(layout.TryGetProperty("yaxis2", out _));
        Assert.Equal(layout.GetProperty("xaxis").GetProperty("range")[1].GetDouble(), x2.GetProperty("range")[1].GetDouble());
        string[] texts = layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray();
        Assert.Contains("<b>sequential</b>", texts);
        Assert.Contains("<b>concurrent</b>", texts);
        Assert.Contains("total 6.00 s", texts);
    }

    [Fact]
    public void Compare_needs_at_least_one_timeline_and_no_nulls()
    {
        Assert.Throws<ArgumentException>(() => TimelineChart.Compare());
        Assert.Throws<ArgumentException>(() => TimelineChart.Compare(new Timeline(), null!));
    }

    [Fact]
    public void Thread_lanes_have_a_row_per_thread_and_label_each_bar()
    {
        var timeline = new Timeline("cooking");
        timeline.Record("dish 1", Phase.Cooking, TimeSpan.Zero, TimeSpan.FromSeconds(1), threadId: 7);
        timeline.Record("dish 2", Phase.Cooking, TimeSpan.Zero, TimeSpan.FromSeconds(1), threadId: 9);

        var bar = Assert.Single(Traces(Figure(TimelineChart.ThreadLanes(timeline)), "bar"));

        Assert.Equal(["thread 7", "thread 9"], bar.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["dish 1", "dish 2"], bar.GetProperty("text").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void An_empty_timeline_still_charts() =>
        Assert.NotEmpty(GenericChart.toFigureJson(TimelineChart.Gantt(new Timeline("nothing yet"))));
}
