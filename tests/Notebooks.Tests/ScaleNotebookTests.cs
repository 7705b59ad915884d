using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>07 — how far gather goes: what the lesson claims, measured in the same run the learner's outputs show.</summary>
[NotebookClaims(Notebook,
    "new { largestLive, csharpOverhead, sharedOverhead, pythonPresent, pythonOverhead, delayBytes, sharedBytes, " +
    "sharedTimersAtLargest, sharedTimersPending, firstSix, firstOfThreeMeals = threeMealResults.Take(6).ToArray(), " +
    "threeMealCount = threeMealResults.Length, timersLeft = sharedClock.Timers!.PendingTimers, fullResultsShown, resultsFile }")]
public sealed class ScaleNotebookTests
{
    private const string Notebook = "07-how-far-does-gather-scale";

    [Fact]
    public async Task At_the_largest_live_N_CSharp_overhead_is_below_Python_when_Python_is_present()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double csharp = claims.GetProperty("csharpOverhead").GetDouble();
        double shared = claims.GetProperty("sharedOverhead").GetDouble();
        if (claims.GetProperty("pythonPresent").GetBoolean())
        {
            double python = claims.GetProperty("pythonOverhead").GetDouble();
            Assert.True(csharp < python, $"C# Task.Delay overhead {csharp:F3} s should be below Python's {python:F3} s at N = {claims.GetProperty("largestLive")}");
            Assert.True(shared < python, $"C# shared-timer overhead {shared:F3} s should be below Python's {python:F3} s");
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, claims.GetProperty("pythonOverhead").ValueKind); // said so, and went on in C#
        }

        Assert.Equal(100_000, claims.GetProperty("largestLive").GetInt32());
    }

    [Fact]
    public async Task Shared_timers_fold_a_hundred_thousand_deliveries_into_few_timers_and_forget_them()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.InRange(claims.GetProperty("sharedTimersAtLargest").GetInt32(), 1, 1_000);
        Assert.InRange(claims.GetProperty("sharedTimersPending").GetInt32(), 3, 3_000);
        Assert.Equal(0, claims.GetProperty("timersLeft").GetInt32());
        Assert.Equal(100_000, claims.GetProperty("threeMealCount").GetInt32());
        Assert.Equal([1.0, 2, 3, 1, 2, 3], claims.GetProperty("firstOfThreeMeals").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1.0, 2, 3, 1, 2, 3], claims.GetProperty("firstSix").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task A_pending_delivery_on_shared_timers_allocates_less_than_with_its_own_Task_Delay()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double delay = claims.GetProperty("delayBytes").GetDouble(), shared = claims.GetProperty("sharedBytes").GetDouble();
        Assert.True(shared < delay - 50, $"shared timers {shared:F0} B per delivery, Task.Delay {delay:F0} B: a timer's worth should be saved");
        Assert.InRange(shared, 50, 400);
    }

    [Fact]
    public async Task The_live_charts_and_the_benchmark_results_when_present_are_shown()
    {
        var run = await NotebookRuns.Succeeded(Notebook);
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int charts = run.HtmlOutputs().Count(o => o.Html.Contains(Tooling.ChartExport.ChartMarker, StringComparison.Ordinal));
        bool full = claims.GetProperty("fullResultsShown").GetBoolean();
        Assert.Equal(File.Exists(claims.GetProperty("resultsFile").GetString()), full);
        Assert.Equal(full ? 4 : 2, charts); // two live charts, and the benchmark's two when its results are on disk
        Assert.Contains(full ? "dotnet run -c Release --project bench/ScaleBench --" : "No benchmark results yet", run.PrintedText(), StringComparison.Ordinal);
    }
}
