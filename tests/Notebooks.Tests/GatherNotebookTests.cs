using System.Text.Json;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>04 — what the gather lesson claims, measured in the same run the learner's outputs show.</summary>
[NotebookClaims(Notebook,
    "new { results, allResults, sequentialResults, ratio = concurrent.Elapsed / sequential.Elapsed, " +
    "concurrentHours, sequentialHours = clock.ToHours(sequential.Elapsed), " +
    "written = writtenOrder.Select(d => d.Name).ToArray(), finishOrder, inArgumentOrder, startedAfterSelect, startedAfterWhenAll, " +
    "python = PythonScript.Python3 is not null, pythonRan = pythonGather.Ran, pythonSkipped = pythonGather.Skipped, pythonResults = pythonGather.Results, pythonHours, " +
    "allDoneAtOnce, thrown, held, failedAfter, late, lateResults, lateHours, pythonLateRan = pythonLate.Ran, pythonLateHours, pythonLateFirst }")]
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
    public async Task Written_longest_first_the_meals_end_shortest_first_while_WhenAll_keeps_argument_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["C", "B", "A"], Strings(claims.GetProperty("written")));
        Assert.Equal(["A", "B", "C"], Strings(claims.GetProperty("finishOrder")));       // not the order written: asynchronous
        Assert.Equal([3.0, 2.0, 1.0], Doubles(claims.GetProperty("inArgumentOrder")));   // WhenAll: the order written
    }

    [Fact]
    public async Task Select_starts_nothing_until_WhenAll_enumerates_it()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(0, claims.GetProperty("startedAfterSelect").GetInt32());
        Assert.Equal(3, claims.GetProperty("startedAfterWhenAll").GetInt32());
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
    public async Task The_Python_original_gathers_in_the_longest_meal_like_WhenAll_in_the_same_run()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        if (!claims.GetProperty("python").GetBoolean())
        {
            Assert.False(claims.GetProperty("pythonRan").GetBoolean());
            Assert.StartsWith("python3 was not found", claims.GetProperty("pythonSkipped").GetString(), StringComparison.Ordinal);
            return;
        }

        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims.GetProperty("pythonResults").GetProperty("results")));
        double python = claims.GetProperty("pythonHours").GetDouble(), csharp = claims.GetProperty("concurrentHours").GetDouble();
        Assert.InRange(python, 3.0, 3.6);                                  // asyncio.sleep never ends early
        Assert.InRange(python / csharp, 0.85, 1.15);                       // both: the longest meal, not the sum
    }

    [Fact]
    public async Task A_failing_gather_waits_for_every_task_then_await_throws_the_first_in_argument_order_and_the_task_holds_all()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        // Q drops at 2 h, R at 0.5 h: R fails first in time, Q comes first in argument order.
        Assert.Equal("Q dropped the plate after 2 h", claims.GetProperty("thrown").GetString());
        Assert.Equal(["Q dropped the plate after 2 h", "R dropped the plate after 0.5 h"], Strings(claims.GetProperty("held")));
        Assert.InRange(claims.GetProperty("failedAfter").GetDouble(), 1.9, 2.6);   // the last task's end, not R's failure at 0.5 h
    }

    [Fact]
    public async Task Calls_made_before_a_late_WhenAll_ran_meanwhile_while_Pythons_coroutines_start_only_when_gathered()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.False(claims.GetProperty("allDoneAtOnce").GetBoolean());   // printed before the await: one task, still under way
        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims.GetProperty("lateResults")));
        double late = claims.GetProperty("late").GetDouble(), csharp = claims.GetProperty("lateHours").GetDouble();
        Assert.Equal(1.0, late);
        Assert.InRange(csharp, 2.9, 3.6);                                  // the longest meal: they ran while the caller was busy
        if (!claims.GetProperty("python").GetBoolean())
        {
            Assert.False(claims.GetProperty("pythonLateRan").GetBoolean());
            return;
        }

        double python = claims.GetProperty("pythonLateHours").GetDouble();
        Assert.InRange(claims.GetProperty("pythonLateFirst").GetDouble(), late, late + 0.3);   // nothing ran before the gather
        Assert.InRange(python, late + 3.0, late + 4.0);   // the late hour, then the longest meal (asyncio.sleep never ends early; a loaded machine adds)
        Assert.True(python - csharp > 0.6, $"Python {python:F2} h, C# {csharp:F2} h: the late hour should show in Python only");
    }

    [Fact]
    public async Task The_timeline_charts_are_among_the_outputs()
    {
        var run = await NotebookRuns.Succeeded(Notebook);

        var charts = run.HtmlOutputs().Where(o => o.Html.Contains(Tooling.ChartExport.ChartMarker, StringComparison.Ordinal)).ToArray();
        Assert.True(charts.Length >= 2, $"{charts.Length} charts: expected sequential vs gathered, and C# vs Python");
        Assert.All(charts, c => Assert.Contains("Plotly.newPlot", c.Html, StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs(), o => o.Html.Contains("plotly.js v", StringComparison.Ordinal)); // loaded once, from the package
    }

    [Fact]
    public async Task The_gather_is_drawn_live_and_its_cell_keeps_the_final_chart_of_the_whole_round()
    {
        var run = await NotebookRuns.Succeeded(Notebook);
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string chart = LiveChartCells.FinalChart(run, "var concurrent = new Timeline(");
        Assert.Contains("\"bars\":3", chart, StringComparison.Ordinal);   // every meal over
        double gathered = claims.GetProperty("concurrentHours").GetDouble() * NotebookRuns.SecondsPerHour;
        Assert.InRange(LiveChartCells.ElapsedSeconds(chart), gathered * 0.99, gathered * 1.01);   // the same round as the claims
    }

    [Fact]
    public async Task Over_stdio_the_gather_is_redrawn_in_place_while_it_runs()
    {
        StdioNotebookRun run = await NotebookRuns.Stdio(Notebook);

        LiveChartCells.AssertRedrawnWhileRunning(run, "var concurrent = new Timeline(");
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? "(null)")];
}
