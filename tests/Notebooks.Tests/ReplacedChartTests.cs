using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// A chart output replaced again and again, as VS Code replaces it on every redraw of a live timeline and every re-run
/// of a chart cell: each new chart draws, and the replaced ones are let go.
/// </summary>
public sealed class ReplacedChartTests(SharedChromium chromium) : IClassFixture<SharedChromium>, IDisposable
{
    private const int Replacements = 30;
    private readonly string _dir = Directory.CreateTempSubdirectory("replaced-chart-").FullName;

    [BrowserFact]
    public async Task Every_replacement_draws_and_replaced_charts_are_purged()
    {
        PageMemory memory = await ReplaceAsync(html => html);

        Assert.Equal(1, memory.ChartsInPage);
        Assert.Equal(1, memory.ChartsAlive);
        Assert.Equal(1, memory.ResizeListeners);
    }

    [BrowserFact]
    public async Task Without_the_purge_every_replaced_chart_would_stay_alive()
    {
        // The same check on fragments with the purge taken out: it sees the leak the purge prevents.
        PageMemory memory = await ReplaceAsync(html => html.Replace("window.Plotly.purge(old);", "", StringComparison.Ordinal));

        Assert.Equal(1, memory.ChartsInPage);
        Assert.Equal(Replacements, memory.ChartsAlive);
        Assert.Equal(Replacements, memory.ResizeListeners);
    }

    private async Task<PageMemory> ReplaceAsync(Func<string, string> edit)
    {
        string path = Path.Combine(_dir, "output.html");
        File.WriteAllText(path, ChartPage.NotebookOutputPage());
        await using LockedPage opened = await chromium.OpenAsync(path);
        for (int k = 1; k <= Replacements; k++)
        {
            string fragment = ChartHtml.Fragment(TimelineChart.Gantt(GrowingTimeline(3.1 * k / Replacements)));
            Assert.Contains("window.Plotly.purge(old);", fragment, StringComparison.Ordinal);
            Assert.Equal("true", await opened.Page.ReplaceOutputAsync(edit(fragment)));
        }

        PageMemory memory = await opened.Page.MemoryAsync();
        Assert.Empty(opened.Page.Problems);
        return memory;
    }

    // A, B and C eating 1, 2 and 3 hours (1 s each), seen at `now` seconds: meals in progress drawn up to now.
    private static Timeline GrowingTimeline(double now)
    {
        var timeline = new Timeline("gathered, live");
        foreach (var (name, meal) in new[] { ("A", 1.0), ("B", 2.0), ("C", 3.0) })
        {
            timeline.Record(name, Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, threadId: 1);
            timeline.Record(name, Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(Math.Min(meal, now)), threadId: 1);
            if (now >= meal)
            {
                timeline.Record(name, Phase.Collecting, TimeSpan.FromSeconds(meal), TimeSpan.FromSeconds(meal), threadId: 1);
            }
        }

        return timeline;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
