using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The charts a reader gets draw in a real browser with no network, and draw what they claim: every chart file the
/// notebook runs saved (the run command's own code path), and each executed notebook's outputs as a front end
/// shows them, where only the setup cell brings plotly.js.
/// </summary>
public sealed class BrowserTests(SharedChromium chromium) : IClassFixture<SharedChromium>
{
    public static IEnumerable<object[]> Notebooks => NotebookRuns.Names();

    [BrowserTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_chart_file_the_run_saved_draws_offline_what_it_claims(string notebook)
    {
        IReadOnlyList<string> files = await NotebookRuns.Charts(notebook);
        var problems = new List<string>();

        foreach (string file in files)
        {
            await using LockedPage opened = await chromium.OpenAsync(file);
            problems.AddRange((await opened.Page.CheckAsync()).Select(p => $"{Path.GetFileName(file)}: {p}"));
        }

        Assert.True(problems.Count == 0, $"{notebook}'s chart files, in Chromium with no network:\n" + string.Join('\n', problems));
    }

    [BrowserTheory]
    [MemberData(nameof(Notebooks))]
    public async Task The_executed_notebook_draws_every_chart_with_the_plotly_js_its_setup_cell_loaded(string notebook)
    {
        NotebookRunResult run = await NotebookRuns.Succeeded(notebook);
        string page = await NotebookRuns.OutputsPage(notebook);
        int chartOutputs = run.HtmlOutputs().Count(o => o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal));
        string html = await File.ReadAllTextAsync(page);

        Assert.Equal(1, Occurrences(html, "plotly.js v" + ChartHtml.PlotlyJsVersion)); // once, from the setup cell; no chart carries its own

        await using LockedPage opened = await chromium.OpenAsync(page);
        IReadOnlyList<DrawnChart> charts = await opened.Page.ChartsAsync();
        Assert.Equal(chartOutputs, charts.Count);
        var problems = chartOutputs == 0 ? opened.Page.Problems : await opened.Page.CheckAsync();
        Assert.True(problems.Count == 0, $"{notebook}'s outputs ({page}), in Chromium with no network:\n" + string.Join('\n', problems));
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
