using System.Text.Json;
using System.Text.Json.Nodes;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// 02 — concurrency without parallelism on one thread; parallelism on every core, in thread lanes that count threads and
/// the most at once; how the thread pool grows when its threads block; async alone is no faster; bad parameters stop
/// the parameters cell.
/// </summary>
/// <remarks>
/// The speedups are the notebook's own: each kitchen's fastest of several rounds after a warm-up round, so the JIT's
/// first compilation and a noisy moment on a shared machine do not decide them. The bounds still fail when nothing runs
/// in parallel (a speedup near ×1).
/// </remarks>
[NotebookClaims(Notebook,
    "new { cores, dishes, minWorkers, loopResults, loopThreads = loopThreads.Length, " +
    "loopRatio = onOneThread.Elapsed / clock.ToRealTime(deliveries.Sum(d => d.Mealtime)), poolRatio = onThePool.Elapsed / clock.ToRealTime(deliveries.Sum(d => d.Mealtime)), " +
    "parallelSpeedup, taskRunSpeedup, parallelForMostAtOnce, parallelForThreads, parallelForCores, fastestThreads = ThreadsUsed(parallelFor), fastestMostAtOnce = parallelFor.Timeline.MostAtOnce(Phase.Cooking), asyncOnlySpeedup, asyncOnlyThreads, " +
    "blockingSeconds = blockingMilliseconds / 1000.0, startedAtOnce = growth.StartedAtOnce, waits = growth.Waits.Select(w => w.TotalSeconds), " +
    "python = gil.Ran ? new { speedup = gil.Result(\"speedup\"), threads = gil.Result(\"threads\").GetInt32(), same = gil.Result(\"same_dishes\").GetBoolean(), dishes = gil.Result(\"dishes\").GetInt32() } : null }")]
public sealed class ConcurrencyVsParallelismNotebookTests
{
    private const string Notebook = "02-concurrency-vs-parallelism";

    /// <summary>The notebook up to its parameters cell with one value made bad, run on its own kernel.</summary>
    [NotebookPythonFact]
    public async Task Pythons_threads_and_coroutines_cook_no_faster_under_the_GIL_in_the_same_run()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = claims.GetProperty("python");

        Assert.Equal(JsonValueKind.Object, python.ValueKind); // gil.py ran beside the C#
        Assert.True(python.GetProperty("same").GetBoolean());  // every way cooked what sequential cooked
        Assert.Equal(claims.GetProperty("dishes").GetInt32(), python.GetProperty("dishes").GetInt32());
        Assert.True(python.GetProperty("threads").GetInt32() >= 2, "the threads way ran on several threads");
        JsonElement speedup = python.GetProperty("speedup");
        Assert.InRange(speedup.GetProperty("asyncio").GetDouble(), 0.5, 1.3);   // coroutines that never await: one at a time
        Assert.InRange(speedup.GetProperty("threads").GetDouble(), 0.3, 1.3);   // threads under the GIL: one at a time too
        Assert.True(speedup.GetProperty("processes").GetDouble() > 0);
    }

    [Fact]
    public async Task Deliveries_on_one_thread_still_overlap_as_they_do_on_the_pool()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1, claims.GetProperty("loopThreads").GetInt32());
        Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty("loopResults").EnumerateArray().Select(e => e.GetDouble()));
        foreach (string ratio in new[] { "loopRatio", "poolRatio" })
        {
            double value = claims.GetProperty(ratio).GetDouble();
            Assert.True(value <= 0.6, $"{ratio}: elapsed / sum of mealtimes = {value:F2}; expected about 0.5 (3 h of 6)");
        }
    }

    [Fact]
    public async Task Cooking_on_every_core_is_faster_when_the_process_gets_more_than_one()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        double speedup = Math.Max(claims.GetProperty("parallelSpeedup").GetDouble(), claims.GetProperty("taskRunSpeedup").GetDouble());
        double coresGot = claims.GetProperty("parallelForCores").GetDouble();

        if (claims.GetProperty("cores").GetInt32() >= 2 && coresGot >= 1.6)
        {
            // The process had about two cores: fastest rounds after a warm-up come near ×2; ×1 would mean nothing ran at once.
            Assert.True(speedup >= 1.4, $"parallel speedup ×{speedup:F2} with {coresGot:F1} cores' worth of CPU; expected at least ×1.4. {claims}");
        }
        else if (claims.GetProperty("cores").GetInt32() == 1)
        {
            Assert.InRange(speedup, 0.5, 1.3); // one core: the notebook says parallelism cannot help, and it does not
        }

        // Whatever the load, Parallel.For cooked on two threads at once (asserted below): other programs took the CPU.
    }

    [Fact]
    public async Task Parallel_For_never_cooks_more_dishes_at_once_than_there_are_cores()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        int cores = claims.GetProperty("cores").GetInt32();
        int mostAtOnce = claims.GetProperty("parallelForMostAtOnce").GetInt32();

        Assert.InRange(mostAtOnce, Math.Min(cores, 2), cores); // at most the cores; with two or more, truly parallel
        Assert.True(claims.GetProperty("parallelForThreads").GetInt32() >= mostAtOnce, claims.ToString());
    }

    [Fact]
    public async Task The_charted_Parallel_For_round_is_counted_in_the_run_not_promised_a_lane_per_core()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        NotebookRunResult run = await NotebookRuns.Succeeded(Notebook);
        int threads = claims.GetProperty("fastestThreads").GetInt32(), mostAtOnce = claims.GetProperty("fastestMostAtOnce").GetInt32(), cores = claims.GetProperty("cores").GetInt32();

        Assert.Contains($"Parallel.For, fastest round: {threads} thread(s), at most {mostAtOnce} at once, on {cores} core(s)", run.PrintedText(), StringComparison.Ordinal);
        Assert.InRange(mostAtOnce, 1, Math.Min(cores, threads));
    }

    [Fact]
    public async Task Async_methods_without_awaits_cook_no_faster_on_one_thread()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.True(claims.GetProperty("asyncOnlySpeedup").GetDouble() <= 1.35, claims.ToString()); // about ×1: the fastest one-thread round of each
        Assert.Equal(1, claims.GetProperty("asyncOnlyThreads").GetInt32());
    }

    [Fact]
    public async Task Blocked_calls_beyond_what_the_pool_aims_for_wait_for_it_to_add_threads()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        double[] waits = [.. claims.GetProperty("waits").EnumerateArray().Select(e => e.GetDouble())];
        double blocking = claims.GetProperty("blockingSeconds").GetDouble();

        Assert.True(claims.GetProperty("startedAtOnce").GetInt32() >= 1, claims.ToString());
        Assert.True(waits.Length == 3, $"the pool never made a call wait, or the cell queued other than two more behind it. {claims}");
        // The first call that waited got a thread the pool added before the first calls ended (not merely one of theirs),
        // and not at once: its starvation check runs every 500 ms.
        Assert.InRange(waits[0], 0.2, blocking - 0.1);
        Assert.All(waits, w => Assert.InRange(w, 0.1, blocking + 0.5));
    }

    [Fact]
    public async Task The_live_comparison_and_the_thread_lanes_are_drawn()
    {
        var run = await NotebookRuns.Succeeded(Notebook);

        Assert.True(run.HtmlOutputs().Count(o => o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal)) >= 5);
    }

    [Fact]
    public async Task A_bad_value_in_the_parameters_cell_stops_it_there_naming_the_value()
    {
        CellError error = await ParametersCellRun.FailureWith(Notebook, "var dishes = 8;", "var dishes = 0;");

        Assert.StartsWith("var deliveries", error.FirstLine, StringComparison.Ordinal);
        Assert.Contains("dishes is 0: it must be a whole number from 1 to 64.", error.Error, StringComparison.Ordinal);
    }
}
