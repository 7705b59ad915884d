using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>04 — what the gather lesson claims, measured in the same run the learner's outputs show.</summary>
[NotebookClaims(Notebook,
    "new { results, allResults, sequentialResults, ratio = concurrent.Elapsed / sequential.Elapsed, " +
    "concurrentHours = clock.ToHours(concurrent.Elapsed), sequentialHours = clock.ToHours(sequential.Elapsed) }")]
public sealed class GatherNotebookTests
{
    private const string Notebook = "04-gather-as-whenall";

    [Fact]
    public async Task WhenAll_returns_the_results_in_argument_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims.GetProperty("results")));
        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims.GetProperty("allResults")));
        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims.GetProperty("sequentialResults")));
    }

    [Fact]
    public async Task Gathered_meals_overlap_concurrent_takes_at_most_60_percent_of_sequential()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("ratio").GetDouble();
        Assert.True(ratio <= 0.6, $"concurrent/sequential = {ratio:F3}; expected about 3/6 = 0.5 and at most 0.6");
        Assert.InRange(claims.GetProperty("concurrentHours").GetDouble(), 2.9, 3.6);
        Assert.InRange(claims.GetProperty("sequentialHours").GetDouble(), 5.9, 7.0);
    }

    [Fact]
    public async Task The_timeline_chart_is_among_the_outputs()
    {
        var run = await NotebookRuns.Succeeded(Notebook);

        var charts = run.HtmlOutputs().Where(o => o.Html.Contains(Tooling.ChartExport.ChartMarker, StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.Contains("Plotly.newPlot", c.Html, StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs(), o => o.Html.Contains("plotly.js v", StringComparison.Ordinal)); // loaded once, from the package
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
