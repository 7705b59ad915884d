using System.Diagnostics;
using System.Text.Json;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>Past <see cref="TimelineChart.MaxDetailedRows"/> deliveries a timeline chart aggregates instead of drawing a bar per span.</summary>
public sealed class BigTimelineChartTests(ITestOutputHelper output)
{
    /// <summary>
    /// <paramref name="deliveries"/> deliveries gathered: each delivered at 0, eating for 1 to 3 story seconds
    /// (spread evenly), collected when the meal ends. Three spans each, recorded directly, so it takes no real time.
    /// </summary>
    private static Timeline Gathered(int deliveries, string title = "gathered")
    {
        var timeline = new Timeline(title);
        for (int i = 0; i < deliveries; i++)
        {
            string name = "delivery " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var end = TimeSpan.FromSeconds(1 + 2.0 * i / deliveries);
            timeline.Record(name, Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, threadId: 1);
            timeline.Record(name, Phase.Eating, TimeSpan.Zero, end, threadId: 1);
            timeline.Record(name, Phase.Collecting, end, end, threadId: 1 + i % 4);
        }

        return timeline;
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static IReadOnlyList<TimelinePanelClaim> Claims(JsonElement figure) =>
        TimelinePanelClaim.Read(figure.GetProperty("layout").GetProperty("meta").GetProperty("timelines").GetRawText())!;

    private static JsonElement Trace(JsonElement figure, string name) =>
        figure.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    [Fact]
    public void Up_to_the_threshold_every_span_is_a_bar_or_a_marker()
    {
        JsonElement figure = Figure(TimelineChart.Gantt(Gathered(TimelineChart.MaxDetailedRows)));

        TimelinePanelClaim claim = Assert.Single(Claims(figure));
        Assert.Equal(TimelinePanelClaim.SpansView, claim.View);
        Assert.Equal(TimelineChart.MaxDetailedRows, claim.Rows);
        Assert.Equal(TimelineChart.MaxDetailedRows, claim.Bars);
        Assert.Equal(2 * TimelineChart.MaxDetailedRows, claim.Instants);
        Assert.Null(claim.Series);
        Assert.Equal(TimelineChart.MaxDetailedRows, Trace(figure, Phase.Eating).GetProperty("x").GetArrayLength());
    }

    [Fact]
    public void One_delivery_more_and_the_chart_shows_deliveries_in_progress_and_collected_so_far()
    {
        int deliveries = TimelineChart.MaxDetailedRows + 1;
        JsonElement figure = Figure(TimelineChart.Gantt(Gathered(deliveries)));

        TimelinePanelClaim claim = Assert.Single(Claims(figure));
        Assert.True(claim.Aggregated);
        Assert.Equal(3, claim.Series); // eating in progress; delivered and collected so far
        Assert.Null(claim.Bars);
        Assert.DoesNotContain(figure.GetProperty("data").EnumerateArray(), t => t.GetProperty("type").GetString() == "bar");
        double[] eating = Trace(figure, "eating, in progress").GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        long[] collected = Trace(figure, "collecting, so far").GetProperty("y").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(TimelineChart.AggregateBins, eating.Length);
        Assert.Equal(deliveries, eating[0], precision: 3); // everyone eats from 0 to at least 1 s
        Assert.Equal(0, eating[^1], precision: 3); // and no one after 3 s (the axis runs 8 % past the end)
        Assert.Equal(deliveries, collected[^1]); // every collection counted once, at the end
        Assert.Equal(collected.Order(), collected); // a running total never falls
        Assert.Equal("deliveries", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void In_progress_counts_are_time_weighted_so_short_spans_are_not_lost_between_samples()
    {
        var timeline = new Timeline("many short spans");
        for (int i = 0; i < 1000; i++)
        {
            // 1000 spans of 1 ms each, back to back on one row: exactly one in progress from 0 to 1 s.
            timeline.Record("worker", Phase.Cooking, TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(i + 1), threadId: 1);
        }

        JsonElement figure = Figure(TimelineChart.ThreadLanes(timeline));
        Assert.False(Assert.Single(Claims(figure)).Aggregated); // 1000 spans, one lane: still bars

        for (int i = 1000; i < TimelineChart.MaxDetailedSpans + 1; i++)
        {
            timeline.Record("worker", Phase.Cooking, TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(i + 1), threadId: 1);
        }

        figure = Figure(TimelineChart.ThreadLanes(timeline));
        Assert.True(Assert.Single(Claims(figure)).Aggregated);
        double[] running = Trace(figure, "thread 1, in progress").GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double busyUntil = timeline.Elapsed.TotalSeconds, binWidth = busyUntil * 1.08 / TimelineChart.AggregateBins;
        int fullBins = (int)(busyUntil / binWidth);
        Assert.All(running[..fullBins], r => Assert.Equal(1.0, r, precision: 3));
        Assert.All(running[(fullBins + 1)..], r => Assert.Equal(0.0, r, precision: 3));
    }

    [Fact]
    public void Compare_aggregates_each_panel_on_its_own()
    {
        var claims = Claims(Figure(TimelineChart.Compare(Gathered(3, "three"), Gathered(5_000, "five thousand"))));

        Assert.Equal([TimelinePanelClaim.SpansView, TimelinePanelClaim.AggregateView], claims.Select(c => c.View));
        Assert.Equal(["three", "five thousand"], claims.Select(c => c.Title));
        Assert.Equal([9, 15_000], claims.Select(c => c.Spans));
    }

    [Fact]
    public void A_million_deliveries_make_a_chart_file_of_a_few_megabytes_in_a_few_seconds()
    {
        var clock = Stopwatch.StartNew();
        Timeline timeline = Gathered(1_000_000, "a million deliveries");
        TimeSpan recording = clock.Elapsed;
        string dir = Directory.CreateTempSubdirectory("big-chart-").FullName;
        try
        {
            clock.Restart();
            GenericChart chart = TimelineChart.Gantt(timeline);
            string figureJson = GenericChart.toFigureJson(chart);
            string path = ChartHtml.Save(chart, Path.Combine(dir, "million.html"));
            TimeSpan charting = clock.Elapsed;

            long fileBytes = new FileInfo(path).Length;
            long plotlyBytes = ChartHtml.Document(TimelineChart.Gantt(new Timeline("empty"))).Length; // plotly.js and an empty figure
            output.WriteLine($"3,000,000 spans recorded in {recording.TotalSeconds:F2} s; charted and saved in {charting.TotalSeconds:F2} s");
            output.WriteLine($"figure JSON {figureJson.Length / 1024.0:F1} KB; file {fileBytes / 1048576.0:F2} MB (an empty chart's file: {plotlyBytes / 1048576.0:F2} MB)");

            Assert.True(Assert.Single(Claims(JsonDocument.Parse(figureJson).RootElement)).Aggregated);
            Assert.True(figureJson.Length < 200 * 1024, $"the figure is {figureJson.Length} characters; an aggregate must stay under 200 KB");
            Assert.True(fileBytes < plotlyBytes + 200 * 1024, $"the file is {fileBytes} bytes, more than plotly.js and 200 KB of figure");
            Assert.True(fileBytes < 5 * 1024 * 1024, $"the file is {fileBytes} bytes; it must stay under 5 MB");
            Assert.True(charting < TimeSpan.FromSeconds(30), $"charting took {charting}"); // seconds here, a generous bound for a busy 2-core machine
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
