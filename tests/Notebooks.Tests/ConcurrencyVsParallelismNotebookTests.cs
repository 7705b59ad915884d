using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>02 — concurrency without parallelism on one thread; parallelism on every core; async alone is no faster.</summary>
[NotebookClaims(Notebook,
    "new { cores, loopResults, loopThreads = loopThreads.Length, loopRatio = onOneThread.Elapsed / clock.ToRealTime(deliveries.Sum(d => d.Mealtime)), " +
    "parallelSpeedup, taskRunSpeedup, asyncOnlySpeedup, asyncOnlyThreads }")]
public sealed class ConcurrencyVsParallelismNotebookTests
{
    private const string Notebook = "02-concurrency-vs-parallelism";

    [Fact]
    public async Task Deliveries_on_one_thread_still_overlap()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1, claims.GetProperty("loopThreads").GetInt32());
        Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty("loopResults").EnumerateArray().Select(e => e.GetDouble()));
        double ratio = claims.GetProperty("loopRatio").GetDouble();
        Assert.True(ratio <= 0.6, $"one-thread elapsed / sum of mealtimes = {ratio:F2}; expected about 0.5");
    }

    [Fact]
    public async Task Cooking_on_every_core_is_faster_when_there_is_more_than_one()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double speedup = Math.Max(claims.GetProperty("parallelSpeedup").GetDouble(), claims.GetProperty("taskRunSpeedup").GetDouble());
        if (claims.GetProperty("cores").GetInt32() >= 2)
        {
            Assert.True(speedup >= 1.5, $"parallel speedup ×{speedup:F2} on {claims.GetProperty("cores")} cores; expected at least ×1.5");
        }
        else
        {
            Assert.InRange(speedup, 0.5, 1.3); // one core: the notebook says parallelism cannot help, and it does not
        }
    }

    [Fact]
    public async Task Async_methods_without_awaits_cook_no_faster_on_one_thread()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.True(claims.GetProperty("asyncOnlySpeedup").GetDouble() <= 1.35, claims.ToString()); // about ×1: two one-thread runs of the same work
        Assert.Equal(1, claims.GetProperty("asyncOnlyThreads").GetInt32());
    }

    [Fact]
    public async Task The_thread_lanes_are_drawn()
    {
        var run = await NotebookRuns.Succeeded(Notebook);

        Assert.True(run.HtmlOutputs().Count(o => o.Html.Contains(Tooling.ChartExport.ChartMarker, StringComparison.Ordinal)) >= 4);
    }
}
