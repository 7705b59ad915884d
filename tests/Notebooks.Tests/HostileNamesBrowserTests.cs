using System.Text.Json;
using System.Text.Json.Nodes;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// Names are data: a delivery, a phase, a timeline or a chart may be called anything a person can type, markup and
/// script included, and every chart file and notebook output page still draws, shows each name as typed, and runs
/// nothing. Opened in Chromium with no network, like every chart a reader gets.
/// </summary>
public sealed class HostileNamesBrowserTests(SharedChromium chromium) : IClassFixture<SharedChromium>, IDisposable
{
    /// <summary>What people type, and what would break a page that took names for markup.</summary>
    private static readonly string[] Names =
    [
        "<script>alert('A')</script>",
        "<img src=x onerror=alert('B')>",
        "</script><script>window.__pwned = 1</script>",
        "<!-- C",
        "D -->",
        "\"E\" & 'F'",
        "<b>G</b>",
        "%{x} H",
        "$I^2$",
        "&lt;J&gt;",
        "<a href=\"javascript:alert('K')\">K</a>",
        "مطعم L",
        "🍜 M",
    ];

    private const string Title = "<script>alert('title')</script> lunch & \"dinner\" <!--";
    private const string Phase = "<i>eating</i> %{y}";

    private readonly string _dir = Directory.CreateTempSubdirectory("hostile-names-").FullName;

    private static Timeline Lunch()
    {
        var timeline = new Timeline(Title);
        for (int i = 0; i < Names.Length; i++)
        {
            var end = TimeSpan.FromSeconds(1 + i % 3);
            timeline.Record(Names[i], DeliveryTimelines.Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, threadId: 1 + i % 2);
            timeline.Record(Names[i], Phase, TimeSpan.Zero, end, threadId: 1 + i % 2);
            timeline.Record(Names[i], DeliveryTimelines.Phase.Collecting, end, end, threadId: 1 + i % 2);
        }

        return timeline;
    }

    [BrowserFact]
    public async Task A_chart_file_of_hostile_names_draws_shows_them_as_typed_and_runs_nothing()
    {
        string gantt = ChartHtml.Save(TimelineChart.Compare(Lunch()), Path.Combine(_dir, "gantt.html"), Title);
        string lanes = ChartHtml.Save(TimelineChart.ThreadLanes(Lunch()), Path.Combine(_dir, "lanes.html"), Title);
        string[] few = Names[..5]; // few enough that plotly.js labels every category rather than every other one
        string bars = ChartHtml.Save(ScaleChart.Bars(Title, Phase, few.Select((n, i) => (Series: few[(i + 1) % few.Length], Category: n, Value: 1.0 + i))),
            Path.Combine(_dir, "bars.html"), Title);

        await using (LockedPage opened = await chromium.OpenAsync(gantt))
        {
            await AssertSafeAsync(opened.Page);
            string[] rows = await opened.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.ytick text')].map(t => t.textContent)");
            Assert.Equal(Names.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal)); // every row label exactly as typed
            Assert.Contains(Phase, await Legend(opened.Page));
            Assert.Equal(Title, await opened.Page.EvaluateAsync<string>("() => document.title"));

            // Point at the first bar: its hover label names the delivery and the phase as typed.
            var box = await opened.Page.EvaluateAsync<JsonElement>(
                "() => { const r = document.querySelector('.delivery-timelines-chart g.trace.bars g.point > path').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }");
            await opened.Page.HoverAsync(box.GetProperty("x").GetDouble(), box.GetProperty("y").GetDouble());
            string hover = await opened.Page.EvaluateAsync<string>(
                "async () => { for (let i = 0; i < 50 && !document.querySelector('.hoverlayer .hovertext'); i++) await new Promise(r => setTimeout(r, 20)); return document.querySelector('.hoverlayer').textContent; }");
            Assert.Contains(Phase, hover, StringComparison.Ordinal);
            Assert.True(Names.Any(n => hover.StartsWith(n + " " + Phase, StringComparison.Ordinal)), $"the hover label reads '{hover}'");
        }

        await using (LockedPage opened = await chromium.OpenAsync(lanes))
        {
            await AssertSafeAsync(opened.Page);
            string[] labels = await opened.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('text.bartext')].map(t => t.textContent)");
            Assert.Equal(Names.Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal)); // each bar labelled with its delivery, as typed
        }

        await using (LockedPage opened = await chromium.OpenAsync(bars))
        {
            await AssertSafeAsync(opened.Page);
            string[] categories = await opened.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.xtick text')].map(t => t.textContent)");
            Assert.Equal(few.Order(StringComparer.Ordinal), categories.Order(StringComparer.Ordinal));
            Assert.Equal(few.Order(StringComparer.Ordinal), (await Legend(opened.Page)).Order(StringComparer.Ordinal));
            Assert.Equal(Title, await opened.Page.EvaluateAsync<string>("() => document.querySelector('.gtitle').textContent"));
        }
    }

    [BrowserFact]
    public async Task A_notebook_outputs_page_of_hostile_names_draws_shows_them_as_typed_and_runs_nothing()
    {
        // An executed notebook as the kernel writes it: the setup cell's plotly.js loader, a cell that printed a line
        // with a name in it, and a chart output (the notebook formatter's HTML is ChartHtml.Fragment).
        JsonObject Cell(params JsonObject[] outputs) => new() { ["cell_type"] = "code", ["source"] = "", ["outputs"] = new JsonArray(outputs) };
        JsonObject Html(string html) => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html } };
        var executed = new JsonObject
        {
            ["cells"] = new JsonArray(
                Cell(Html(ChartHtml.PlotlyLoader())),
                Cell(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = $"Delivered to {Names[0]}!\n[t= 0.00 h] {Names[2]}\n" },
                     Html(ChartHtml.Fragment(TimelineChart.Gantt(Lunch()))))),
        };
        var run = new NotebookRunResult("hostile", Path.Combine(_dir, "hostile.ipynb"), TimeSpan.Zero, false, 0, [], executed, "");

        string page = ChartExport.WriteOutputsPage(run, _dir);

        await using LockedPage opened = await chromium.OpenAsync(page);
        await AssertSafeAsync(opened.Page);
        string printed = await opened.Page.EvaluateAsync<string>("() => document.querySelector('pre').textContent");
        Assert.Equal($"Delivered to {Names[0]}!\n[t= 0.00 h] {Names[2]}\n", printed);
        string[] rows = await opened.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.ytick text')].map(t => t.textContent)");
        Assert.Equal(Names.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // It drew what it claims (the title shown as typed among them), with no dialog, no script error, no console
    // error and no network request, and nothing a name carried ran.
    private static async Task AssertSafeAsync(ChartPage page)
    {
        var problems = await page.CheckAsync();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "a script from a name ran");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img, a[href^=\"javascript\"], b, i').length"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelectorAll('.delivery-timelines-chart').length"));
    }

    private static Task<string[]> Legend(ChartPage page) =>
        page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.legendtext')].map(t => t.textContent)");
}
