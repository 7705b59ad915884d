using DeliveryTimelines;
using Plotly.NET;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>The browser check itself: it passes good charts and catches each way a chart can fail a reader.</summary>
public sealed class BrowserCheckTests(SharedChromium chromium) : IClassFixture<SharedChromium>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("browser-check-").FullName;

    private static Timeline Gathered(int deliveries)
    {
        var timeline = new Timeline($"{deliveries} gathered");
        for (int i = 0; i < deliveries; i++)
        {
            var end = TimeSpan.FromSeconds(1 + i % 3);
            timeline.Record($"customer {i}", Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, threadId: 1);
            timeline.Record($"customer {i}", Phase.Eating, TimeSpan.Zero, end, threadId: 1);
            timeline.Record($"customer {i}", Phase.Collecting, end, end, threadId: 1);
        }

        return timeline;
    }

    [BrowserFact]
    public async Task A_gantt_chart_and_an_aggregated_one_pass()
    {
        string compare = ChartHtml.Save(TimelineChart.Compare(Gathered(3), Gathered(5_000)), Path.Combine(_dir, "compare.html"));

        await using LockedPage opened = await chromium.OpenAsync(compare);

        Assert.Empty(await opened.Page.CheckAsync());
        var chart = Assert.Single(await opened.Page.ChartsAsync());
        Assert.Equal(3, chart.Traces.Where(t => t.Type == "bar" && t.XAxis == "x").Sum(t => t.DrawnPoints));
    }

    /// <summary>A, B and C gathered on a story clock of 0.25 s per hour: 1, 2 and 3 story hours, 0.75 real seconds in all.</summary>
    private static Timeline OnAClock(string title)
    {
        var clock = new StoryClock(0.25);
        var timeline = new Timeline(title, clock);
        foreach (var (name, hours) in new[] { ("A", 1), ("B", 2), ("C", 3) })
        {
            timeline.Record(name, Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, threadId: 1);
            timeline.Record(name, Phase.Eating, TimeSpan.Zero, clock.ToRealTime(hours), threadId: 1);
            timeline.Record(name, Phase.Collecting, clock.ToRealTime(hours), clock.ToRealTime(hours), threadId: 1);
        }

        return timeline;
    }

    [BrowserFact]
    public async Task A_chart_in_story_hours_passes_and_one_whose_axis_or_total_is_not_in_its_claimed_unit_is_caught()
    {
        string html = ChartHtml.Document(TimelineChart.Compare(OnAClock("sequential"), OnAClock("gathered")));
        Assert.Equal(2, CountOf(html, "\"unit\":\"h\""));
        string fine = Write("hours.html", html);
        string claimsSeconds = Write("claims-seconds.html", html.Replace("\"unit\":\"h\"", "\"unit\":\"s\"", StringComparison.Ordinal));

        await using (LockedPage opened = await chromium.OpenAsync(fine))
        {
            Assert.Empty(await opened.Page.CheckAsync());
        }

        await using (LockedPage opened = await chromium.OpenAsync(claimsSeconds))
        {
            var problems = await opened.Page.CheckAsync();
            Assert.Contains("chart 1: the time axis (x2) is not titled 'seconds since start'", problems);
            Assert.Contains("chart 1: panel 'gathered': no 'total 3.00 s' label", problems);
        }
    }

    [BrowserFact]
    public async Task A_chart_in_story_hours_that_does_not_state_its_scale_is_caught()
    {
        string html = ChartHtml.Document(TimelineChart.Gantt(OnAClock("gathered")));
        Assert.Equal(1, CountOf(html, "story clock: 1 h = 0.25 s"));
        string unstated = Write("unstated.html", html.Replace("story clock: 1 h = 0.25 s", "a clock", StringComparison.Ordinal));
        string otherScale = Write("other-scale.html", html.Replace("\"secondsPerHour\":0.25", "\"secondsPerHour\":0.5", StringComparison.Ordinal));

        await using (LockedPage opened = await chromium.OpenAsync(unstated))
        {
            Assert.Contains("chart 1: it is in story hours but does not state its scale ('story clock: 1 h = 0.25 s')", await opened.Page.CheckAsync());
        }

        await using (LockedPage opened = await chromium.OpenAsync(otherScale))
        {
            Assert.Contains("chart 1: it is in story hours but does not state its scale ('story clock: 1 h = 0.5 s')", await opened.Page.CheckAsync());
        }
    }

    [BrowserFact]
    public async Task Panels_claiming_different_units_on_their_shared_axis_are_caught()
    {
        string html = ChartHtml.Document(TimelineChart.Compare(Gathered(3), Gathered(4)));
        int first = html.IndexOf("\"unit\":\"s\"", StringComparison.Ordinal);
        Assert.True(first >= 0);
        string mixed = Write("mixed.html", string.Concat(html.AsSpan(0, first), "\"unit\":\"ms\"", html.AsSpan(first + "\"unit\":\"s\"".Length)));

        await using LockedPage opened = await chromium.OpenAsync(mixed);

        Assert.Contains("chart 1: its panels share one time axis but claim 2 units (ms, s)", await opened.Page.CheckAsync());
    }

    [BrowserFact]
    public async Task A_chart_that_fetches_plotly_js_from_a_cdn_is_caught_and_does_not_draw()
    {
        string path = Write("cdn.html",
            "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>" + ChartHtml.Fragment(TimelineChart.Gantt(Gathered(3))));

        await using LockedPage opened = await chromium.OpenAsync(path);
        var problems = await opened.Page.CheckAsync();

        Assert.Contains(problems, p => p.StartsWith("network request blocked: GET https://cdn.plot.ly/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("never drew", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task A_chart_missing_a_bar_it_claims_is_caught()
    {
        string html = ChartHtml.Document(TimelineChart.Gantt(Gathered(3)));
        Assert.Contains("\"bars\":3", html, StringComparison.Ordinal);
        string path = Write("short.html", html.Replace("\"bars\":3", "\"bars\":4", StringComparison.Ordinal));

        await using LockedPage opened = await chromium.OpenAsync(path);

        Assert.Contains("chart 1: panel '3 gathered': 4 span(s) with a length, one bar each, but 3 bar(s) drawn", await opened.Page.CheckAsync());
    }

    [BrowserFact]
    public async Task A_short_runs_total_stays_clear_of_its_title_and_would_be_caught_on_it()
    {
        var quick = new Timeline("a quick run with a long title, finished almost at once");
        quick.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(0.05));
        string html = ChartHtml.Document(TimelineChart.Compare(Gathered(3), quick));
        string fine = Write("clear.html", html);
        string onTop = Write("on-top.html", html.Replace("\"yshift\":18", "\"yshift\":0", StringComparison.Ordinal)); // the title back on the total's line

        await using (LockedPage opened = await chromium.OpenAsync(fine))
        {
            Assert.Empty(await opened.Page.CheckAsync());
        }

        await using (LockedPage opened = await chromium.OpenAsync(onTop))
        {
            Assert.Contains($"chart 1: 'total 0.05 s' and '{quick.Title}' are printed over each other", await opened.Page.CheckAsync());
        }
    }

    [BrowserFact]
    public async Task A_script_error_on_the_page_is_caught()
    {
        string path = Write("error.html", ChartHtml.Page(
            ChartHtml.Fragment(TimelineChart.Gantt(Gathered(1))) + "<script>undefinedFunction();</script>"));

        await using LockedPage opened = await chromium.OpenAsync(path);

        Assert.Contains(await opened.Page.CheckAsync(), p => p.StartsWith("page error:", StringComparison.Ordinal) && p.Contains("undefinedFunction", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private string Write(string name, string body)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, body.StartsWith("<!DOCTYPE", StringComparison.Ordinal) ? body : $"<!DOCTYPE html><html><body>{body}</body></html>");
        return path;
    }
}
