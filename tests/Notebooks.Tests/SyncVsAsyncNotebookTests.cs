using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>01 — what the synchronous vs asynchronous lesson claims, measured in the run whose outputs the learner reads.</summary>
[NotebookClaims(Notebook,
    "new { syncResults, pitfallResults, asyncResults, syncOverAsync, pitfallOverAsync, blockedBeats, awaitedBeats, " +
    "roundHours = deliveries.Sum(d => d.Mealtime), heartbeatHours, blockedFirstBeat = FirstBeat(blockedTimeline) }")]
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
    public async Task Every_run_returns_the_results_in_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        foreach (string name in new[] { "syncResults", "pitfallResults", "asyncResults" })
        {
            Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()));
        }
    }
}
