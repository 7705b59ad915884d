using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// A learner's own Plotly.NET chart, returned from a cell, draws offline like the course's: with the plotly.js the
/// setup cell loaded, and seen drawn by the browser check. The learner takes Plotly.NET's C# API from NuGet
/// (<c>Plotly.NET.CSharp</c>, which brings a second copy of Plotly.NET into the kernel) and ends a cell with
/// <c>Chart.Point(...)</c>, in notebook 00 after its last cell.
/// </summary>
public sealed class LearnersOwnChartTests(SharedChromium chromium) : IClassFixture<SharedChromium>, IDisposable
{
    private const string LearnersChart =
        "Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2, 3, 4 }, y: new[] { 1.0, 4, 9, 16 }, Name: \"my squares\")";

    private readonly string _dir = Directory.CreateTempSubdirectory("learners-chart-").FullName;

    [BrowserFact]
    public async Task A_learners_own_Chart_Point_draws_offline_with_the_plotly_js_of_the_setup_cell()
    {
        NotebookRunResult run = await RunStartHereWith(
            "// A learner's cell: Plotly.NET's C# API, from NuGet.\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"",
            LearnersChart);
        Assert.True(run.Succeeded, run.Describe());
        var (cell, html) = run.HtmlOutputs().Last();
        Assert.Equal(NotebookFile.Cells(run.Executed!).Count, cell); // the learner's chart is the last cell's output
        Assert.Contains(ChartExport.ChartMarker, html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", html, StringComparison.Ordinal);

        string page = ChartExport.WriteOutputsPage(run, _dir);
        await using LockedPage opened = await chromium.OpenAsync(page);
        IReadOnlyList<DrawnChart> charts = await opened.Page.ChartsAsync();

        Assert.Empty(opened.Page.Problems); // no network request, no console error
        DrawnChart learners = charts[^1];
        Assert.Equal("true", learners.Drawn);
        Assert.Equal("null", learners.Claims); // not a timeline chart: nothing claimed beyond what it drew
        DrawnTrace points = Assert.Single(learners.Traces);
        Assert.Equal(("scatter", "my squares", 4, 4), (points.Type, points.Name, points.Points, points.DrawnPoints));
        Assert.All(charts.SkipLast(1), c => Assert.Equal("true", c.Drawn)); // and the lesson's own charts beside it
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<NotebookRunResult> RunStartHereWith(params string[] cells)
    {
        await Repository.PrepareAsync(NotebookRuns.Root, TextWriter.Null);
        await using var timingLock = await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing); // the notebook times its taste
        return await NotebookExecution.RunAsync(Path.Combine(NotebookRuns.Root, "notebooks", "00-start-here.ipynb"),
            new NotebookRunOptions(_dir, NotebookRuns.SecondsPerHour, NotebookRuns.Timeout, cells));
    }
}
