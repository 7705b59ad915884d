using System.Text.Json;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>09 — the traps asyncio never set: what each section claims, and its Python original, from the same run.</summary>
[NotebookClaims(Notebook,
    "new { customers = deliveries.Length, longest = deliveries.Max(d => d.Mealtime), sum = deliveries.Sum(d => d.Mealtime), " +
    "deliveredAfterSelect, deliveredAfterWhenAll, deliveredByRecipe, deliveredOnce, " +
    "recipeHours = clock.ToHours(recipeRound.Elapsed), onceHours = clock.ToHours(onceRound.Elapsed), " +
    "tippers, cores = Environment.ProcessorCount, threads = threadsSeen.Count, lostToRace, lostToIncrement, lostWithInterlocked, " +
    "lostWithLock, lostOnOneThread, lostAwaitInside, lostUnderSemaphore, " +
    "storedStatus = storedStatus.ToString(), thrownAtCall, endedInTask, deliveredAtCall, first = first.Name, " +
    "caughtInTaskHours = clock.ToHours(inTask.Snapshot().Single(s => s.Name == \"caller\").Start), " +
    "caughtAtCallHours = clock.ToHours(atCall.Snapshot().Single(s => s.Name == \"caller\").Start), " +
    "atCallEndedHours = clock.ToHours(atCall.Elapsed), firstMealtime = first.Mealtime, " +
    "cellContext, cellResumedOnPool, loopContext, threadBefore, threadAfter, deadlocked, anywhereFinished, " +
    "winnerIsDropping = winner == dropping, winnerStatus = winner.Status.ToString(), winnerThrew, loserStatus = eating.Status.ToString(), " +
    "raceHours = clock.ToHours(race.Elapsed), dropsAfter, inTime, late, deadlineHours, timersBefore, timersWhileRacing, timersAfter, " +
    "anyBytes = completionCosts.Select(c => c.Any.AllocatedBytes), eachBytes = completionCosts.Select(c => c.Each.AllocatedBytes), " +
    "happened, caughtAroundForEach, loopCollected = forEachRun.Exception?.InnerException?.GetType().Name, caughtByLoop, " +
    "checksHeld = checks.Held, checksFailed = checks.Failed, " +
    "pythonRan = new[] { gatherTwice, sharedCounter, whereItRaises, blockingTheLoop, firstCompleted, asyncCallbacks }.All(r => r.Ran), " +
    "gatherTwice = gatherTwice.Results, sharedCounter = sharedCounter.Results, whereItRaises = whereItRaises.Results, " +
    "blockingTheLoop = blockingTheLoop.Results, firstCompleted = firstCompleted.Results, asyncCallbacks = asyncCallbacks.Results }")]
public sealed class TrapsNotebookTests
{
    private const string Notebook = "09-traps-asyncio-never-set";

    [Fact]
    public async Task Every_check_the_notebook_printed_held()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Empty(claims.GetProperty("checksFailed").EnumerateArray());
        Assert.True(claims.GetProperty("checksHeld").GetInt32() >= 24, claims.ToString());
        Assert.Equal(ChildProcess.IsOnPath("python3"), claims.GetProperty("pythonRan").GetBoolean()); // each Python original ran beside
    }

    [Fact]
    public async Task A_Select_starts_nothing_and_delivers_again_each_time_it_is_enumerated()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int customers = claims.GetProperty("customers").GetInt32();
        Assert.Equal(0, claims.GetProperty("deliveredAfterSelect").GetInt32());
        Assert.Equal(customers, claims.GetProperty("deliveredAfterWhenAll").GetInt32());
        Assert.Equal(2 * customers, claims.GetProperty("deliveredByRecipe").GetInt32());
        Assert.Equal(customers, claims.GetProperty("deliveredOnce").GetInt32());
        // The second round ran one by one (the foreach awaited each before asking the recipe for the next): the longest
        // meal, then the sum. The array took the longest meal once.
        double longest = claims.GetProperty("longest").GetDouble(), sum = claims.GetProperty("sum").GetDouble();
        Assert.InRange(claims.GetProperty("recipeHours").GetDouble() / (longest + sum), 0.95, 1.2);
        Assert.InRange(claims.GetProperty("onceHours").GetDouble() / longest, 0.95, 1.2);
    }

    [NotebookPythonFact]
    public async Task Python_never_runs_a_delivery_twice_however_often_it_gathers()
    {
        JsonElement python = (await NotebookRuns.Claims(Notebook)).GetProperty("gatherTwice");

        Assert.Equal((0, 3, 3), Counts(python.GetProperty("generator")));     // the generator was used up by the first gather
        Assert.Equal((0, 3, 3), Counts(python.GetProperty("coroutines")));
        Assert.Equal("RuntimeError: cannot reuse already awaited coroutine", python.GetProperty("coroutines").GetProperty("raised").GetString());
        Assert.Equal((0, 3, 3), Counts(python.GetProperty("tasks")));         // tasks: gathered twice, each delivery ran once

        static (int, int, int) Counts(JsonElement section) =>
            (section.GetProperty("made").GetInt32(), section.GetProperty("first").GetInt32(), section.GetProperty("second").GetInt32());
    }

    [Fact]
    public async Task On_pool_threads_a_read_modify_write_loses_updates_and_Interlocked_a_lock_or_one_thread_lose_none()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        if (claims.GetProperty("cores").GetInt32() > 1)
        {
            Assert.True(claims.GetProperty("threads").GetInt32() > 1, claims.ToString());
            Assert.True(claims.GetProperty("lostToRace").GetInt32() > 0, claims.ToString());
        }

        Assert.InRange(claims.GetProperty("lostToIncrement").GetInt32(), 0, claims.GetProperty("tippers").GetInt32()); // rare: never asserted to happen
        Assert.Equal(0, claims.GetProperty("lostWithInterlocked").GetInt32());
        Assert.Equal(0, claims.GetProperty("lostWithLock").GetInt32());
        Assert.Equal(0, claims.GetProperty("lostOnOneThread").GetInt32());
        Assert.True(claims.GetProperty("lostAwaitInside").GetInt32() > 0, claims.ToString());
        Assert.Equal(0, claims.GetProperty("lostUnderSemaphore").GetInt32());
    }

    [NotebookPythonFact]
    public async Task Python_loses_no_update_between_awaits_and_loses_some_with_an_await_inside()
    {
        JsonElement python = (await NotebookRuns.Claims(Notebook)).GetProperty("sharedCounter");

        Assert.Equal(0, python.GetProperty("between_awaits").GetProperty("lost").GetInt32());
        Assert.True(python.GetProperty("await_inside").GetProperty("lost").GetInt32() > 0, python.ToString());
        Assert.Equal(0, python.GetProperty("with_lock").GetProperty("lost").GetInt32());
    }

    [Fact]
    public async Task An_async_method_stores_its_exception_and_a_checking_method_throws_at_the_call_leaving_the_first_delivery_unwatched()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal("Faulted", claims.GetProperty("storedStatus").GetString());
        Assert.True(claims.GetProperty("thrownAtCall").GetBoolean());
        Assert.Equal(claims.GetProperty("customers").GetInt32() - 1, claims.GetProperty("endedInTask").GetInt32());
        Assert.Equal([claims.GetProperty("first").GetString()], claims.GetProperty("deliveredAtCall").EnumerateArray().Select(e => e.GetString()));
        // Checked in the task: caught after the longest meal. At the call: caught at once, while the first meal went on.
        Assert.InRange(claims.GetProperty("caughtInTaskHours").GetDouble() / claims.GetProperty("longest").GetDouble(), 0.95, 1.2);
        Assert.InRange(claims.GetProperty("caughtAtCallHours").GetDouble(), 0, 0.2);
        Assert.InRange(claims.GetProperty("atCallEndedHours").GetDouble() / claims.GetProperty("firstMealtime").GetDouble(), 0.95, 1.3);
    }

    [NotebookPythonFact]
    public async Task Python_raises_at_the_await_or_the_call_and_its_gather_runs_nobody()
    {
        JsonElement python = (await NotebookRuns.Claims(Notebook)).GetProperty("whereItRaises");

        Assert.Equal("await", python.GetProperty("async_def").GetProperty("raised_at").GetString());
        Assert.Equal("call", python.GetProperty("checked_at_call").GetProperty("raised_at").GetString());
        Assert.Empty(python.GetProperty("in_gather").GetProperty("delivered").EnumerateArray());
        Assert.Contains(python.GetProperty("in_gather").GetProperty("never_awaited").EnumerateArray(),
            w => w.GetString()!.EndsWith("was never awaited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Await_captures_the_loop_so_blocking_it_deadlocks_unless_the_method_uses_ConfigureAwait_false()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal("none", claims.GetProperty("cellContext").GetString());
        Assert.True(claims.GetProperty("cellResumedOnPool").GetBoolean());
        Assert.Equal("LoopContext", claims.GetProperty("loopContext").GetString());
        Assert.Equal(claims.GetProperty("threadBefore").GetInt32(), claims.GetProperty("threadAfter").GetInt32());
        Assert.True(claims.GetProperty("deadlocked").GetBoolean());
        Assert.True(claims.GetProperty("anywhereFinished").GetBoolean());
    }

    [NotebookPythonFact]
    public async Task Python_blocking_its_loop_on_work_queued_to_it_times_out_and_run_until_complete_refuses()
    {
        JsonElement python = (await NotebookRuns.Claims(Notebook)).GetProperty("blockingTheLoop");

        Assert.False(python.GetProperty("blocked").GetProperty("finished_in_time").GetBoolean());
        Assert.Equal(0.25, python.GetProperty("blocked").GetProperty("result").GetDouble());
        Assert.Equal("RuntimeError: This event loop is already running", python.GetProperty("run_until_complete").GetProperty("raised").GetString());
    }

    [Fact]
    public async Task WhenAny_returns_the_failed_winner_without_throwing_and_the_loser_runs_until_cancelled()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.True(claims.GetProperty("winnerIsDropping").GetBoolean());
        Assert.Equal("Faulted", claims.GetProperty("winnerStatus").GetString());
        Assert.True(claims.GetProperty("winnerThrew").GetBoolean());
        Assert.Equal("Canceled", claims.GetProperty("loserStatus").GetString());
        Assert.InRange(claims.GetProperty("raceHours").GetDouble() / claims.GetProperty("dropsAfter").GetDouble(), 0.95, 1.4);
    }

    [Fact]
    public async Task A_WhenAny_timeout_cancels_the_loser_and_leaves_no_timer_behind()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1.0, claims.GetProperty("inTime").GetDouble());                 // A's hour, within the deadline
        Assert.Equal(JsonValueKind.Null, claims.GetProperty("late").ValueKind);       // C's three hours: timed out
        long before = claims.GetProperty("timersBefore").GetInt64();
        Assert.True(claims.GetProperty("timersWhileRacing").GetInt64() >= before + 2, claims.ToString()); // the meal's timer and the deadline's
        Assert.True(claims.GetProperty("timersAfter").GetInt64() <= before, claims.ToString());
    }

    [Fact]
    public async Task A_WhenAny_loop_allocates_quadratically_and_WhenEach_does_not()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        long[] any = [.. claims.GetProperty("anyBytes").EnumerateArray().Select(e => e.GetInt64())];
        long[] each = [.. claims.GetProperty("eachBytes").EnumerateArray().Select(e => e.GetInt64())];
        Assert.InRange((double)any[1] / any[0], 50, 150);    // 10x the tasks (1,000 to 10,000): about 100x the bytes
        Assert.All(each, bytes => Assert.InRange(bytes, 1, 10_000));
    }

    [NotebookPythonFact]
    public async Task Python_wait_FIRST_COMPLETED_returns_the_failed_task_without_raising_and_its_result_raises()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = claims.GetProperty("firstCompleted");

        JsonElement first = python.GetProperty("first_completed");
        Assert.Equal("B", first.GetProperty("winner").GetString());
        Assert.StartsWith("RuntimeError: B dropped the plate", first.GetProperty("result_raised").GetString(), StringComparison.Ordinal);
        Assert.InRange(first.GetProperty("returned_at").GetDouble() / claims.GetProperty("dropsAfter").GetDouble(), 0.95, 1.5);
        Assert.True(python.GetProperty("timeout").GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task ForEach_with_an_async_lambda_returns_before_the_work_and_its_exception_escapes_the_caller()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string[] happened = [.. claims.GetProperty("happened").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal("ForEach returned", happened[0]);
        Assert.Equal(claims.GetProperty("customers").GetInt32(), happened.Length); // every delivery but the failed one said "done"
        Assert.False(claims.GetProperty("caughtAroundForEach").GetBoolean());
        Assert.Equal("DeliveryFailedException", claims.GetProperty("loopCollected").GetString());
        Assert.True(claims.GetProperty("caughtByLoop").GetBoolean());
    }

    [NotebookPythonFact]
    public async Task Python_never_runs_an_async_callback_and_gathered_it_runs_every_one()
    {
        JsonElement python = (await NotebookRuns.Claims(Notebook)).GetProperty("asyncCallbacks");

        Assert.Empty(python.GetProperty("for_each").GetProperty("delivered").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, python.GetProperty("for_each").GetProperty("caught").ValueKind);
        Assert.Equal(3, python.GetProperty("for_each").GetProperty("never_awaited").GetArrayLength());
        Assert.Equal(["A", "B", "C"], python.GetProperty("gathered").GetProperty("delivered").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("RuntimeError: B dropped the plate", python.GetProperty("gathered").GetProperty("caught").GetString(), StringComparison.Ordinal);
    }
}
