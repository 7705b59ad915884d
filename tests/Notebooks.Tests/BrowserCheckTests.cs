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

    private string Write(string name, string body)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, body.StartsWith("<!DOCTYPE", StringComparison.Ordinal) ? body : $"<!DOCTYPE html><html><body>{body}</body></html>");
        return path;
    }
}
