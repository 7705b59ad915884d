using System.Text.Json;
using System.Text.Json.Nodes;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// 01 — what the synchronous vs asynchronous lesson claims, measured in the run whose outputs the learner reads: the C#
/// claims, and Python's hello, world from the same run at the same clock.
/// </summary>
[NotebookClaims(Notebook,
    "new { syncResults, pitfallResults, asyncResults, sequentialResults, syncOverAsync, pitfallOverAsync, sequentialOverOverlapped, " +
    "blockedBeats, awaitedBeats, roundHours = deliveries.Sum(d => d.Mealtime), overlappedHours = clock.ToHours(asynchronous.Elapsed), heartbeatHours, blockedFirstBeat = FirstBeat(blockedTimeline), " +
    "compilerVersion, knowsCs1998, knowsCs0168, noAwaitDoneAtReturn, helloHours, " +
    "tickMs = timer.Tick.TotalMilliseconds, mostEarlyMs = timer.MostEarly.TotalMilliseconds, possiblyEarlyMs = timer.PossiblyEarly.TotalMilliseconds, " +
    "timerSamples = timer.Samples, firstRunMs = firstRun.TotalMilliseconds, secondRunMs = secondRun.TotalMilliseconds, " +
    "python = pythonHello.Ran ? new { helloHours = pythonHelloHours, overlapHours = pythonOverlapHours, overlapResults = pythonOverlap.Result(\"results\"), coroutine = pythonHello.Result(\"coroutine\").GetString(), " +
    "  sleepSamples = pythonSleep.Result(\"samples\").GetInt32(), sleepEarly = pythonSleep.Result(\"early\").GetInt32(), " +
    "  sleepWaits = pythonSleep.Mealtimes.Select(m => m * pythonSleep.SecondsPerHour * 1000) } : null }")]
public sealed class SyncVsAsyncNotebookTests
{
    private const string Notebook = "01-sync-vs-async";

    [Fact]
    public async Task Synchronous_takes_the_sum_and_asynchronous_the_longest_meal()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("syncOverAsync").GetDouble();
        Assert.True(ratio >= 1.6, $"synchronous/asynchronous = {ratio:F3}; expected about 6/3 = 2 and at least 1.6");
    }

    [Fact]
    public async Task Awaited_one_after_another_takes_the_sum_and_started_then_awaited_the_longest_meal_in_the_live_cell()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("sequentialOverOverlapped").GetDouble();
        Assert.InRange(ratio, 1.6, 2.4); // about 6/3 = 2: the two rounds ran at the same time and did not slow each other
    }

    [Fact]
    public async Task The_live_cell_keeps_one_chart_its_final_frame_with_both_rounds()
    {
        NotebookRunResult run = await NotebookRuns.Succeeded(Notebook);
        JsonArray cells = NotebookFile.Cells(run.Executed!);
        int cell = cells.Select((c, i) => (c, i)).Single(x => NotebookFile.Source(x.c!).Contains("LiveTimeline.CompareWhileAsync", StringComparison.Ordinal)).i + 1;

        string chart = Assert.Single(run.HtmlOutputs(), o => o.CellNumber == cell && o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal)).Html;
        Assert.NotNull(LiveDisplayFrame.DisplayIdOf(chart));
        Assert.Contains("sequential: await one at a time", chart, StringComparison.Ordinal);
        Assert.Contains("asynchronous: every delivery started, then each awaited", chart, StringComparison.Ordinal);
    }

    [NotebookPythonFact]
    public async Task Python_tasks_created_then_awaited_one_by_one_overlap_like_the_CSharp_round()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = claims.GetProperty("python");
        Assert.NotEqual(JsonValueKind.Null, python.ValueKind);

        Assert.Equal([1.0, 2.0, 3.0], python.GetProperty("overlapResults").EnumerateArray().Select(e => e.GetDouble()));
        double pythonHours = python.GetProperty("overlapHours").GetDouble(), csharpHours = claims.GetProperty("overlappedHours").GetDouble();
        Assert.InRange(pythonHours / claims.GetProperty("roundHours").GetDouble(), 0.4, 0.65); // about 3 of 6: the longest meal, not the sum
        Assert.InRange(pythonHours / csharpHours, 0.8, 1.25); // the same overlap in both languages, in the same run
    }

    [Fact]
    public async Task An_async_method_that_sleeps_inside_is_as_slow_as_synchronous()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("pitfallOverAsync").GetDouble();
        Assert.True(ratio >= 1.6, $"pitfall/asynchronous = {ratio:F3}; expected about 6/3 = 2 (the pitfall is no faster than synchronous) and at least 1.6");
    }

    [Fact]
    public async Task A_blocked_thread_holds_the_heartbeat_back_and_a_free_one_keeps_it_ticking()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        double roundHours = claims.GetProperty("roundHours").GetDouble();
        double expectedBeats = roundHours / claims.GetProperty("heartbeatHours").GetDouble();

        Assert.InRange(claims.GetProperty("blockedBeats").GetInt32(), 0, 1);
        double lateness = claims.GetProperty("blockedFirstBeat").GetDouble() / roundHours;
        Assert.True(lateness >= 0.9, $"the blocked run's only beat came at {lateness:P0} of the round; it can only run once the thread is free, at the end");
        int awaitedBeats = claims.GetProperty("awaitedBeats").GetInt32();
        Assert.True(awaitedBeats >= 0.7 * expectedBeats, $"{awaitedBeats} beats while awaiting; expected about {expectedBeats:F0}");
    }

    [Fact]
    public async Task The_kernels_compiler_has_no_CS1998_and_an_async_method_without_await_runs_synchronously()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.False(claims.GetProperty("knowsCs1998").GetBoolean(), $"the kernel's compiler {claims.GetProperty("compilerVersion")} has WRN_AsyncLacksAwaits; the notebook says it has not");
        Assert.True(claims.GetProperty("knowsCs0168").GetBoolean(), "the control warning WRN_UnreferencedVar was not found: the notebook reads the wrong list");
        Assert.True(claims.GetProperty("noAwaitDoneAtReturn").GetBoolean());
    }

    [Fact]
    public async Task Hello_world_waits_about_one_story_hour()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double hours = claims.GetProperty("helloHours").GetDouble();
        Assert.InRange(hours, 0.9, 1.25); // one story hour, give or take the timer's tick and a busy machine
    }

    [NotebookPythonFact]
    public async Task Python_hello_world_waits_one_story_hour_never_less_beside_the_CSharp_one()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = claims.GetProperty("python");
        Assert.NotEqual(JsonValueKind.Null, python.ValueKind);

        double pythonHours = python.GetProperty("helloHours").GetDouble(), csharpHours = claims.GetProperty("helloHours").GetDouble();
        Assert.True(pythonHours >= 1 - 1e-3, $"asyncio.sleep(1 story hour) ended after {pythonHours} h: it never ends early");
        Assert.InRange(pythonHours / csharpHours, 0.8, 1.25); // the same hour in both languages, in the same run
        Assert.Equal("coroutine", python.GetProperty("coroutine").GetString()); // calling main() ran nothing yet
    }

    [Fact]
    public async Task The_timer_figures_are_measured_in_the_run_and_consistent()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double tick = claims.GetProperty("tickMs").GetDouble();
        Assert.InRange(tick, 0.01, 50);
        Assert.True(claims.GetProperty("mostEarlyMs").GetDouble() <= claims.GetProperty("possiblyEarlyMs").GetDouble() + 1e-9);
        Assert.True(claims.GetProperty("timerSamples").GetInt32() >= 8);
    }

    [NotebookPythonFact]
    public async Task Python_sleeps_timed_like_the_CSharp_probe_in_the_same_run_never_end_early()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = claims.GetProperty("python");
        double tick = claims.GetProperty("tickMs").GetDouble();

        Assert.Equal([Math.Round(tick, 6), Math.Round(3 * tick, 6)], python.GetProperty("sleepWaits").EnumerateArray().Select(w => Math.Round(w.GetDouble(), 6)));
        Assert.True(python.GetProperty("sleepSamples").GetInt32() >= 8);
        Assert.Equal(0, python.GetProperty("sleepEarly").GetInt32());
    }

    [Fact]
    public async Task The_first_run_of_new_code_pays_for_compiling_it()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double first = claims.GetProperty("firstRunMs").GetDouble(), second = claims.GetProperty("secondRunMs").GetDouble();
        Assert.True(first > second, $"the tiny gather's first run took {first:F2} ms and its second {second:F2} ms; the first compiles it");
    }

    [Fact]
    public async Task Every_run_returns_the_results_in_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        foreach (string name in new[] { "syncResults", "pitfallResults", "asyncResults", "sequentialResults" })
        {
            Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()));
        }
    }

    [Fact]
    public async Task A_bad_mealtime_stops_the_notebook_in_its_parameters_cell_naming_the_customer_and_the_value()
    {
        // The learner's mistake as they would make it: B's mealtime edited to -2 in the parameters cell.
        CellError error = await ParametersCellRun.FailureWith(Notebook, "(\"B\", 2)", "(\"B\", -2)");

        Assert.Contains("B's mealtime is -2 h", error.Error, StringComparison.Ordinal);
    }
}
