using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>01 — what the synchronous vs asynchronous lesson claims, measured in one run.</summary>
[NotebookClaims(Notebook,
    "new { syncResults, pitfallResults, asyncResults, syncOverAsync, pitfallOverAsync, " +
    "blockedBeats = blockedRun.Beats, awaitedBeats = awaitedRun.Beats, expectedBeats = awaitedRun.Hours / heartbeatHours }")]
public sealed class SyncVsAsyncNotebookTests
{
    private const string Notebook = "01-sync-vs-async";

    [Fact]
    public async Task Synchronous_takes_the_sum_and_asynchronous_the_longest_meal()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("syncOverAsync").GetDouble();
        Assert.True(ratio >= 1.6, $"synchronous/asynchronous = {ratio:F2}; expected about 6/3 = 2 and at least 1.6");
    }

    [Fact]
    public async Task An_async_method_that_sleeps_inside_is_as_slow_as_synchronous()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("pitfallOverAsync").GetDouble();
        Assert.True(ratio >= 1.6, $"pitfall/asynchronous = {ratio:F2}; the pitfall should be no faster than synchronous");
    }

    [Fact]
    public async Task A_blocked_thread_misses_the_heartbeat_and_a_free_one_keeps_it()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.InRange(claims.GetProperty("blockedBeats").GetInt32(), 0, 1);
        double expected = claims.GetProperty("expectedBeats").GetDouble();
        Assert.True(claims.GetProperty("awaitedBeats").GetInt32() >= 0.7 * expected, claims.ToString());
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
