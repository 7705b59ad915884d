using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>
/// A timeline chart reads in story hours when every timeline in it is on a story clock of one scale, with the real
/// seconds in its hover text and the scale stated; in real time (milliseconds or seconds) otherwise, saying why when
/// its timelines' clocks differ.
/// </summary>
public sealed class StoryHoursChartTests
{
    private const double QuarterSecond = 0.25;

    /// <summary>A, B and C gathered (1, 2 and 3 story hours) on <paramref name="secondsPerHour"/>, on fake time.</summary>
    private static async Task<Timeline> Gathered(string title, double secondsPerHour)
    {
        var time = new FakeTimeProvider();
        var clock = new StoryClock(secondsPerHour, time);
        var courier = new Courier(clock, new Timeline(title, clock), TextWriter.Null);
        var meals = new[] { courier.DeliverAsync("A", 1), courier.DeliverAsync("B", 2), courier.DeliverAsync("C", 3) };
        foreach (var meal in meals)
        {
            time.Advance(clock.ToRealTime(1)); // one hour at a time, each finish recorded before the next
            await meal.WaitAsync(TimeSpan.FromSeconds(10));
        }

        return courier.Timeline;
    }

    /// <summary>Dishes cooked in real time (no clock): each (thread, start ms, end ms).</summary>
    private static Timeline Kitchen(string title, params (int Thread, double Start, double End)[] dishes)
    {
        var timeline = new Timeline(title);
        for (int i = 0; i < dishes.Length; i++)
        {
            timeline.Record($"dish {i + 1}", Phase.Cooking, TimeSpan.FromMilliseconds(dishes[i].Start), TimeSpan.FromMilliseconds(dishes[i].End), dishes[i].Thread);
        }

        return timeline;
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static JsonElement Layout(GenericChart chart) => Figure(chart).GetProperty("layout");

    private static IReadOnlyList<TimelinePanelClaim> Claims(JsonElement figure) =>
        TimelinePanelClaim.Read(figure.GetProperty("layout").GetProperty("meta").GetProperty("timelines").GetRawText())!;

    private static string AxisTitle(JsonElement layout, string axis = "xaxis") =>
        layout.GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    private static string[] Annotations(JsonElement layout) =>
        [.. layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!)];

    private static JsonElement Trace(JsonElement figure, string name) =>
        figure.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public async Task On_a_story_clock_the_axis_bars_total_and_scale_are_in_story_hours_whatever_the_scale()
    {
        JsonElement figure = Figure(TimelineChart.Gantt(await Gathered("gathered", QuarterSecond)));
        JsonElement layout = figure.GetProperty("layout");

        Assert.Equal("story hours since start", AxisTitle(layout));
        JsonElement eating = Trace(figure, Phase.Eating);
        Assert.Equal([1.0, 2.0, 3.0], Numbers(eating.GetProperty("x")).Order()); // 0.25, 0.5 and 0.75 real seconds
        Assert.Equal([0.0, 0.0, 0.0], Numbers(eating.GetProperty("base")));
        Assert.Equal(3.0, Assert.Single(layout.GetProperty("shapes").EnumerateArray()).GetProperty("x0").GetDouble());
        Assert.Contains("total 3.00 h", Annotations(layout));
        Assert.Contains("story clock: 1 h = 0.25 s", Annotations(layout));
        Assert.Equal(3.0 * 1.08, layout.GetProperty("xaxis").GetProperty("range")[1].GetDouble(), 9);
    }

    [Fact]
    public async Task In_story_hours_the_hover_text_shows_the_hours_and_the_real_seconds()
    {
        JsonElement figure = Figure(TimelineChart.Gantt(await Gathered("gathered", QuarterSecond)));

        JsonElement eating = Trace(figure, Phase.Eating);
        Assert.Equal(
            "%{customdata[0]} eating<br>%{base:.2f} h → %{customdata[1]:.2f} h<br>real time %{customdata[3]:.3f} s → %{customdata[4]:.3f} s<br>thread %{customdata[2]}<extra></extra>",
            eating.GetProperty("hovertemplate").GetString());
        JsonElement c = eating.GetProperty("customdata").EnumerateArray().Single(d => d[0].GetString() == "C");
        Assert.Equal((3.0, 0.0, 0.75), (c[1].GetDouble(), c[3].GetDouble(), c[4].GetDouble())); // ends at 3 h; 0 to 0.75 real seconds

        JsonElement collected = Trace(figure, Phase.Collecting);
        Assert.Equal("%{customdata[0]} collecting at %{x:.2f} h (real time %{customdata[1]:.3f} s)<extra></extra>",
            collected.GetProperty("hovertemplate").GetString());
        JsonElement cCollected = collected.GetProperty("customdata").EnumerateArray().Single(d => d[0].GetString() == "C");
        Assert.Equal(0.75, cCollected[1].GetDouble());
    }

    [Fact]
    public async Task The_claim_carries_the_unit_and_the_scale_and_says_what_the_axis_total_and_note_read()
    {
        TimelinePanelClaim claim = Assert.Single(Claims(Figure(TimelineChart.Gantt(await Gathered("gathered", QuarterSecond)))));

        Assert.Equal((TimelinePanelClaim.HoursUnit, QuarterSecond, 3.0), (claim.Unit, claim.SecondsPerHour, claim.Elapsed));
        Assert.Equal(("story hours since start", "total 3.00 h", "story clock: 1 h = 0.25 s"), (claim.TimeAxisTitle, claim.TotalLabel, claim.ClockNote));
    }

    [Fact]
    public void Without_a_clock_a_run_under_a_second_reads_in_milliseconds_and_states_no_scale()
    {
        Timeline cooking = Kitchen("one cook", (1, 0, 100), (1, 100, 200), (1, 200, 412));

        JsonElement figure = Figure(TimelineChart.Gantt(cooking));
        JsonElement layout = figure.GetProperty("layout");

        Assert.Equal("milliseconds since start", AxisTitle(layout));
        Assert.Equal([0.0, 100.0, 200.0], Numbers(Trace(figure, Phase.Cooking).GetProperty("base")));
        Assert.Contains("total 412 ms", Annotations(layout));
        Assert.DoesNotContain(Annotations(layout), a => a.Contains("story clock", StringComparison.Ordinal) || a.Contains("real time", StringComparison.Ordinal));
        Assert.Contains("%{base:.1f} ms → %{customdata[1]:.1f} ms<br>thread", Trace(figure, Phase.Cooking).GetProperty("hovertemplate").GetString(), StringComparison.Ordinal);
        TimelinePanelClaim claim = Assert.Single(Claims(figure));
        Assert.Equal((TimelinePanelClaim.MillisecondsUnit, (double?)null, 412.0), (claim.Unit, claim.SecondsPerHour, claim.Elapsed));
    }

    [Fact]
    public void Without_a_clock_a_run_of_a_second_or_more_reads_in_seconds()
    {
        JsonElement figure = Figure(TimelineChart.Gantt(Kitchen("slow cook", (1, 0, 1000), (1, 1000, 1440))));
        JsonElement layout = figure.GetProperty("layout");

        Assert.Equal("seconds since start", AxisTitle(layout));
        Assert.Equal([1.0, 0.44], Numbers(Trace(figure, Phase.Cooking).GetProperty("x")));
        Assert.Contains("total 1.44 s", Annotations(layout));
        Assert.Contains("%{base:.3f} s → %{customdata[1]:.3f} s<br>thread", Trace(figure, Phase.Cooking).GetProperty("hovertemplate").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_on_one_scale_reads_in_story_hours_even_on_different_time_providers()
    {
        JsonElement layout = Layout(TimelineChart.Compare(await Gathered("first", QuarterSecond), await Gathered("second", QuarterSecond)));

        Assert.Equal("story hours since start", AxisTitle(layout, "xaxis2"));
        Assert.Equal(1, Annotations(layout).Count(a => a == "story clock: 1 h = 0.25 s")); // stated once for the figure
    }

    [Fact]
    public async Task Compare_of_clocks_of_different_scales_is_drawn_in_real_time_and_says_why()
    {
        // 3 hours at 0.25 s and at 1 s: in story hours both would end at 3, and neither axis would be true for both.
        JsonElement figure = Figure(TimelineChart.Compare(await Gathered("quick", QuarterSecond), await Gathered("slow", 1)));
        JsonElement layout = figure.GetProperty("layout");

        Assert.Equal("seconds since start", AxisTitle(layout, "xaxis2"));
        Assert.Contains("real time: the story clocks differ (1 h = 0.25 s, 1 h = 1 s)", Annotations(layout));
        Assert.Contains("total 0.75 s", Annotations(layout));
        Assert.Contains("total 3.00 s", Annotations(layout));
        Assert.All(Claims(figure), c => Assert.Equal((TimelinePanelClaim.SecondsUnit, (double?)null), (c.Unit, c.SecondsPerHour)));
    }

    [Fact]
    public async Task Compare_of_a_timeline_on_a_clock_and_one_without_is_drawn_in_real_time_and_says_why()
    {
        JsonElement layout = Layout(TimelineChart.Compare(await Gathered("deliveries", QuarterSecond), Kitchen("cooking", (1, 0, 300))));

        Assert.Equal("milliseconds since start", AxisTitle(layout, "xaxis2"));
        Assert.Contains("real time: not every timeline is on a story clock", Annotations(layout));
        Assert.Contains("total 750 ms", Annotations(layout));
    }

    [Fact]
    public void An_aggregated_timeline_on_a_clock_reads_in_story_hours_with_real_seconds_in_its_hover_text()
    {
        var clock = new StoryClock(QuarterSecond, new FakeTimeProvider());
        var big = new Timeline("big", clock);
        for (int i = 0; i <= TimelineChart.MaxDetailedRows; i++)
        {
            var end = clock.ToRealTime(1 + i % 3);
            big.Record(Customers.Name(i), Phase.Eating, TimeSpan.Zero, end, threadId: 1);
            big.Record(Customers.Name(i), Phase.Collecting, end, end, threadId: 1);
        }

        JsonElement figure = Figure(TimelineChart.Gantt(big));

        TimelinePanelClaim claim = Assert.Single(Claims(figure));
        Assert.Equal((true, TimelinePanelClaim.HoursUnit, 3.0), (claim.Aggregated, claim.Unit, claim.Elapsed));
        JsonElement eating = Trace(figure, "eating, in progress");
        double[] hours = Numbers(eating.GetProperty("x"));
        Assert.Equal(3.0 * 1.08, hours[^1] + hours[0], 6); // bin centres across the axis, in hours
        Assert.Equal(hours.Select(h => Math.Round(h * QuarterSecond, 6)), Numbers(eating.GetProperty("customdata")));
        Assert.Equal("%{y:,.1f} eating in progress around %{x:.2f} h (real time %{customdata:.3f} s)<extra></extra>", eating.GetProperty("hovertemplate").GetString());
        Assert.Equal("%{y:,} collecting by %{x:.2f} h (real time %{customdata:.3f} s)<extra></extra>",
            Trace(figure, "collecting, so far").GetProperty("hovertemplate").GetString());
        Assert.Equal("story hours since start", AxisTitle(figure.GetProperty("layout")));
    }

    [Fact]
    public void Thread_lanes_of_cpu_work_stay_in_real_time_and_say_how_many_threads_and_how_many_at_once()
    {
        // Two workers at most, on three threads over the run: the pool moved the second worker to another thread.
        Timeline cooking = Kitchen("Parallel.For, two workers", (7, 0, 100), (9, 0, 100), (7, 100, 200), (12, 100, 200));

        JsonElement layout = Layout(TimelineChart.ThreadLanes(cooking));

        Assert.Equal("milliseconds since start", AxisTitle(layout));
        Assert.Contains("3 threads over the run, at most 2 running at once", Annotations(layout));
    }

    [Fact]
    public void Thread_lanes_of_one_thread_say_so_in_the_singular()
    {
        JsonElement layout = Layout(TimelineChart.ThreadLanes(Kitchen("one cook", (1, 0, 100), (1, 100, 200))));

        Assert.Contains("1 thread over the run, at most 1 running at once", Annotations(layout));
    }

    [Fact]
    public async Task Thread_lanes_of_a_timeline_on_a_clock_read_in_story_hours_and_state_both_notes()
    {
        JsonElement layout = Layout(TimelineChart.ThreadLanes(await Gathered("deliveries", QuarterSecond)));

        Assert.Equal("story hours since start", AxisTitle(layout));
        Assert.Contains(Annotations(layout), a => a.StartsWith("story clock: 1 h = 0.25 s · ", StringComparison.Ordinal) && a.EndsWith("at most 3 running at once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TimelinePanelClaim.HoursUnit, 3.005, "story hours since start", "total 3.01 h")]
    [InlineData(TimelinePanelClaim.SecondsUnit, 1.436, "seconds since start", "total 1.44 s")]
    [InlineData(TimelinePanelClaim.MillisecondsUnit, 411.6, "milliseconds since start", "total 412 ms")]
    public void A_claim_names_its_axis_and_total_in_its_unit(string unit, double elapsed, string axis, string total)
    {
        var claim = TimelinePanelClaim.ForSpans("t", 1, elapsed, unit, unit == TimelinePanelClaim.HoursUnit ? 0.2 : null, 1, 1, 0);

        Assert.Equal((axis, total), (claim.TimeAxisTitle, claim.TotalLabel));
        Assert.Equal(unit == TimelinePanelClaim.HoursUnit ? "story clock: 1 h = 0.2 s" : null, claim.ClockNote);
    }

    [Fact]
    public void A_claim_in_an_unknown_unit_names_no_axis() =>
        Assert.Null(TimelinePanelClaim.ForSpans("t", 1, 1, "fortnights", null, 1, 1, 0).TimeAxisTitle);

    [Fact]
    public void The_scale_is_written_as_StoryHours_writes_hours_typed_by_a_person()
    {
        var claim = TimelinePanelClaim.ForSpans("t", 1, 1, TimelinePanelClaim.HoursUnit, 0.1 + 0.2, 1, 1, 0);

        Assert.Equal("story clock: 1 h = 0.3 s", claim.ClockNote);
    }
}
