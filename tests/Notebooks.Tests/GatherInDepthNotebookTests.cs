using System.Text.Json;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// 05 — what the gather-in-depth lesson claims, measured in the run whose outputs the learner reads: each C# claim, and
/// each claim about asyncio from the Python original the notebook ran beside it, in the same run at the same clock.
/// </summary>
[NotebookClaims(Notebook,
    "new { caughtAtHours, longest = deliveries.Max(d => d.Mealtime), failingStatuses = failingTasks.Select(t => t.Status.ToString()), " +
    "thrownByAwait, heldCount = heldByTask.Count, outcomes = outcomes.Select(o => o.ToString()), settledHours = clock.ToHours(settled.Elapsed), " +
    "backAfterSuppressAlone, backAfterBothFlags, thrownForTaskOfT, " +
    "cancelLatencyMs = cancelLatency.TotalMilliseconds, cancelledStatuses = cancellable.Select(t => t.Status.ToString()), giveUpAt, " +
    "deadlineHours, gaveUpAtHours, eatenAnyway, waitOnlyHours = clock.ToHours(waitOnly.Elapsed), " +
    "cancelAfterHours = clock.ToHours(cancelAfter.Elapsed), beforeDeadline = beforeDeadline.Select(o => o.ToString()), " +
    "completionOrder, argumentOrder, handledAt = asCompleted.Snapshot().Where(s => s.Name == \"caller\").Select(s => clock.ToHours(s.Start)), " +
    "sameTask, lookedUp, carried, " +
    "riders, semaphoreMost = throttled.MostAtOnce(Phase.Eating), forEachMost = forEach.MostAtOnce(Phase.Eating), " +
    "semaphoreOverIdeal = clock.ToHours(throttled.Elapsed) / throttledIdeal, forEachOverIdeal = clock.ToHours(forEach.Elapsed) / throttledIdeal, throttledIdeal, " +
    "cores, forEachFailsMost = forEachFails.MostAtOnce(Phase.Eating), forEachStarted, forEachCancelled, neverStarted, forEachHeld, " +
    "forEachFailsHours = clock.ToHours(forEachFails.Elapsed), " +
    "groupStatuses = members.Select(t => t.Status.ToString()), groupHours = clock.ToHours(grouped.Elapsed), dropsAfter, lateMs, " +
    "python = gatherFails.Ran ? new { " +
    "  gatherCaughtAt = gatherFails.When(\"caller\", \"caught\"), gatherStillEating = gatherFails.Result(\"still_eating\"), gatherLastFinished = gatherFails.When(\"C\", \"finished\"), " +
    "  settledOutcomes = returnExceptions.Result(\"outcomes\"), settledAt = returnExceptions.Result(\"returned_at\").GetDouble(), " +
    "  cancelStatuses = cancelled.Result(\"statuses\"), cancelledAt = cancelled.When(\"C\", \"cancelled\"), cancelMs = cancelled.Result(\"cancel_ms\").GetDouble(), " +
    "  waitForTimedOutAt = timeouts.Result(\"wait_for\", \"timed_out_at\").GetDouble(), waitForCancelledAt = timeouts.When(\"C\", \"cancelled\", \"wait_for\"), " +
    "  waitStoppedAt = timeouts.Result(\"wait\", \"timed_out_at\").GetDouble(), waitPending = timeouts.Result(\"wait\", \"pending\"), waitLastFinished = timeouts.When(\"C\", \"finished\", \"wait\"), " +
    "  asCompletedOrder = asCompletedPython.Result(\"completion_order\"), gatherResults = asCompletedPython.Result(\"gather_results\"), " +
    "  sameTask = identity.Result(\"same_task\"), namesByTask = identity.Result(\"names_by_task\"), yieldsYourTasks = identity.Result(\"yields_your_tasks\"), " +
    "  semaphoreMost = semaphore.Result(\"most_at_once\").GetInt32(), semaphoreHours = semaphore.Result(\"hours\").GetDouble(), " +
    "  groupSkipped = taskGroup.Skipped, groupStatuses = taskGroup.Ran ? taskGroup.Result(\"statuses\") : default(System.Text.Json.JsonElement?), " +
    "  groupRaisedAt = taskGroup.Ran ? taskGroup.Result(\"raised_at\").GetDouble() : double.MaxValue " +
    "} : null }")]
[NotebookRerun(Notebook, "zero-meals", "deliveries = new (string Name, double Mealtime)[] { (\"A\", 0), (\"B\", 0), (\"C\", 0) };",
    cellContaining: "Task.WhenEach(started)", result: "new { completionOrder, argumentOrder }")]
[NotebookRerun(Notebook, "equal-meals", "deliveries = new (string Name, double Mealtime)[] { (\"A\", 1), (\"B\", 1), (\"C\", 1) };",
    cellContaining: "Task.WhenEach(started)", result: "new { completionOrder, argumentOrder }")]
public sealed class GatherInDepthNotebookTests
{
    private const string Notebook = "05-gather-in-depth";

    [Fact]
    public async Task Completion_order_names_each_customer_once_when_meals_of_0_hours_return_the_same_task()
    {
        // Before: "C, C, C" (Array.IndexOf found the first of three references to one cached Task<double>).
        JsonElement zero = await NotebookRuns.Rerun(Notebook, "zero-meals");
        JsonElement equal = await NotebookRuns.Rerun(Notebook, "equal-meals");

        Assert.Equal(["C", "B", "A"], Strings(zero, "completionOrder")); // started in reverse, all done at once: in the order started
        Assert.Equal([0.0, 0.0, 0.0], Doubles(zero, "argumentOrder"));
        Assert.Equal(["A", "B", "C"], Strings(equal, "completionOrder").Order(StringComparer.Ordinal));
        Assert.Equal([1.0, 1.0, 1.0], Doubles(equal, "argumentOrder"));
    }

    [Fact]
    public async Task WhenAll_throws_only_after_every_delivery_has_ended_and_cancels_nothing()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double caughtAt = claims.GetProperty("caughtAtHours").GetDouble(), longest = claims.GetProperty("longest").GetDouble();
        Assert.True(caughtAt >= 0.95 * longest, $"caught at {caughtAt:F2} h; WhenAll should throw only after the longest meal, {longest} h");
        Assert.Equal(["RanToCompletion", "Faulted", "RanToCompletion"], Strings(claims, "failingStatuses"));
    }

    [NotebookPythonFact]
    public async Task Python_gather_raises_at_the_failure_while_the_others_eat_on_in_the_same_run()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        double dropsAfter = claims.GetProperty("dropsAfter").GetDouble(), longest = claims.GetProperty("longest").GetDouble();
        AssertAbout(dropsAfter, python.GetProperty("gatherCaughtAt").GetDouble(), "Python's gather raised");
        Assert.Equal(["C"], Strings(python, "gatherStillEating"));
        AssertAbout(longest, python.GetProperty("gatherLastFinished").GetDouble(), "C finished eating in Python");
        AssertAbout(longest, claims.GetProperty("caughtAtHours").GetDouble(), "C#'s WhenAll threw");
    }

    [Fact]
    public async Task Await_throws_one_exception_and_the_task_holds_every_failure()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1, claims.GetProperty("thrownByAwait").GetInt32());
        Assert.Equal(2, claims.GetProperty("heldCount").GetInt32());
    }

    [Fact]
    public async Task Every_outcome_comes_back_in_argument_order_none_lost()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["1", "DeliveryFailedException: B dropped the plate after 1.5 h", "3"], Strings(claims, "outcomes"));
        AssertAbout(claims.GetProperty("longest").GetDouble(), claims.GetProperty("settledHours").GetDouble(), "WhenAllSettled returned");
    }

    [NotebookPythonFact]
    public async Task Return_exceptions_gives_the_same_outcomes_at_the_same_hour()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        JsonElement[] outcomes = [.. python.GetProperty("settledOutcomes").EnumerateArray()];
        Assert.Equal(1.0, outcomes[0].GetDouble());
        Assert.StartsWith("RuntimeError('B dropped the plate after 1.5 h')", outcomes[1].GetString(), StringComparison.Ordinal);
        Assert.Equal(3.0, outcomes[2].GetDouble());
        AssertAbout(claims.GetProperty("longest").GetDouble(), python.GetProperty("settledAt").GetDouble(), "gather(return_exceptions=True) returned");
    }

    [Fact]
    public async Task SuppressThrowing_alone_leaves_the_captured_context_and_Task_of_T_rejects_it()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.False(claims.GetProperty("backAfterSuppressAlone").GetBoolean());
        Assert.True(claims.GetProperty("backAfterBothFlags").GetBoolean());
        Assert.Equal("ArgumentOutOfRangeException", claims.GetProperty("thrownForTaskOfT").GetString());
    }

    [Fact]
    public async Task Cancelling_stops_every_delivery_still_eating_within_a_few_timer_ticks()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["RanToCompletion", "Canceled", "Canceled"], Strings(claims, "cancelledStatuses"));
        double latency = claims.GetProperty("cancelLatencyMs").GetDouble();
        Assert.True(latency < 40, $"{latency:F1} ms from Cancel() until every delivery had ended; expected about a millisecond, at most 10 ticks of 4 ms");
    }

    [NotebookPythonFact]
    public async Task Python_cancel_stops_the_same_deliveries_at_the_same_hour()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        Assert.Equal(["done", "cancelled", "cancelled"], Strings(python, "cancelStatuses"));
        AssertAbout(claims.GetProperty("giveUpAt").GetDouble(), python.GetProperty("cancelledAt").GetDouble(), "C was cancelled in Python");
        Assert.True(python.GetProperty("cancelMs").GetDouble() < 40, "cancel() should end every task within milliseconds");
    }

    [Fact]
    public async Task WaitAsync_stops_the_waiting_at_the_deadline_but_not_the_meals()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double deadline = claims.GetProperty("deadlineHours").GetDouble(), longest = claims.GetProperty("longest").GetDouble();
        AssertAbout(deadline, claims.GetProperty("gaveUpAtHours").GetDouble(), "WaitAsync threw");
        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims, "eatenAnyway"));
        AssertAbout(longest, claims.GetProperty("waitOnlyHours").GetDouble(), "the meals went on to the end of the longest");
    }

    [Fact]
    public async Task A_token_that_cancels_at_the_deadline_stops_the_late_meal_there()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["1", "2", "cancelled"], Strings(claims, "beforeDeadline"));
        AssertAbout(claims.GetProperty("deadlineHours").GetDouble(), claims.GetProperty("cancelAfterHours").GetDouble(), "the token's round ended");
    }

    [NotebookPythonFact]
    public async Task Python_wait_for_cancels_at_the_deadline_and_asyncio_wait_only_stops_waiting()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        double deadline = claims.GetProperty("deadlineHours").GetDouble(), longest = claims.GetProperty("longest").GetDouble();
        AssertAbout(deadline, python.GetProperty("waitForTimedOutAt").GetDouble(), "wait_for timed out");
        AssertAbout(deadline, python.GetProperty("waitForCancelledAt").GetDouble(), "wait_for cancelled C");
        AssertAbout(deadline, python.GetProperty("waitStoppedAt").GetDouble(), "asyncio.wait stopped waiting");
        Assert.Equal(["C"], Strings(python, "waitPending"));
        AssertAbout(longest, python.GetProperty("waitLastFinished").GetDouble(), "C finished after asyncio.wait stopped waiting");
    }

    [Fact]
    public async Task WhenEach_yields_the_deliveries_in_the_order_they_finish_each_as_its_meal_ends()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["A", "B", "C"], Strings(claims, "completionOrder")); // started C, B, A: the shortest meal ends first
        Assert.Equal([3.0, 2.0, 1.0], Doubles(claims, "argumentOrder"));
        double[] handledAt = Doubles(claims, "handledAt");
        Assert.Equal(3, handledAt.Length);
        for (int i = 0; i < 3; i++) // each handled once its meal had ended, and before the next meal ended (the first carries the JIT)
        {
            Assert.InRange(handledAt[i], i + 1 - 0.05, i + 2 - 0.05);
        }
    }

    [NotebookPythonFact]
    public async Task Python_as_completed_hands_back_the_same_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        Assert.Equal(["A", "B", "C"], Strings(python, "asCompletedOrder"));
        Assert.Equal([3.0, 2.0, 1.0], Doubles(python, "gatherResults"));
    }

    [Fact]
    public async Task Two_zero_hour_meals_share_one_cached_task_so_only_a_carried_name_is_right()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.True(claims.GetProperty("sameTask").GetBoolean(), "two DeliverAsync calls of 0 hours should return the same cached Task<double>");
        Assert.Equal(["A", "A", "C"], Strings(claims, "lookedUp"));
        Assert.Equal(["A", "B", "C"], Strings(claims, "carried"));
    }

    [NotebookPythonFact]
    public async Task Python_makes_a_new_task_each_time_and_as_completed_does_not_hand_them_back()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        Assert.False(python.GetProperty("sameTask").GetBoolean());
        Assert.Equal(["A", "B", "C"], Strings(python, "namesByTask"));
        Assert.False(python.GetProperty("yieldsYourTasks").GetBoolean());
    }

    [Fact]
    public async Task With_K_riders_at_most_K_meals_overlap_and_the_rush_takes_its_rounds()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int riders = claims.GetProperty("riders").GetInt32();
        Assert.Equal(riders, claims.GetProperty("semaphoreMost").GetInt32());
        Assert.Equal(riders, claims.GetProperty("forEachMost").GetInt32());
        Assert.InRange(claims.GetProperty("semaphoreOverIdeal").GetDouble(), 0.95, 1.3);
        Assert.InRange(claims.GetProperty("forEachOverIdeal").GetDouble(), 0.95, 1.3);
    }

    [NotebookPythonFact]
    public async Task Python_semaphore_keeps_the_same_rush_to_the_same_riders()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        Assert.Equal(claims.GetProperty("riders").GetInt32(), python.GetProperty("semaphoreMost").GetInt32());
        Assert.InRange(python.GetProperty("semaphoreHours").GetDouble() / claims.GetProperty("throttledIdeal").GetDouble(), 0.99, 1.3);
    }

    [Fact]
    public async Task ForEachAsync_runs_ProcessorCount_bodies_by_default_and_stops_at_the_first_failure()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int cores = claims.GetProperty("cores").GetInt32();
        Assert.Equal(cores, claims.GetProperty("forEachFailsMost").GetInt32());
        Assert.Equal(2 * cores, Strings(claims, "forEachStarted").Length);                 // two rounds started...
        Assert.Equal(cores, Strings(claims, "neverStarted").Length);                       // ...the third never did
        Assert.Equal(cores - 1, Strings(claims, "forEachCancelled").Length);              // the failure's round-mates were cancelled
        string[] held = Strings(claims, "forEachHeld");
        Assert.Equal("DeliveryFailedException", held[0]);
        Assert.All(held[1..], name => Assert.Equal("TaskCanceledException", name));
        Assert.Equal(cores, held.Length);
        AssertAbout(1.5, claims.GetProperty("forEachFailsHours").GetDouble(), "the run ended when the failure's round-mates had stopped");
    }

    [Fact]
    public async Task A_task_group_cancels_the_rest_when_one_fails_and_ends_then()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["RanToCompletion", "Faulted", "Canceled"], Strings(claims, "groupStatuses"));
        AssertAbout(claims.GetProperty("dropsAfter").GetDouble(), claims.GetProperty("groupHours").GetDouble(), "the group ended");
    }

    [NotebookPythonFact]
    public async Task Python_TaskGroup_cancels_the_rest_at_the_same_hour()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        if (python.GetProperty("groupSkipped").ValueKind == JsonValueKind.String)
        {
            Assert.Contains("asyncio.TaskGroup needs Python 3.11", python.GetProperty("groupSkipped").GetString(), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(["done", "failed", "cancelled"], Strings(python, "groupStatuses"));
        AssertAbout(claims.GetProperty("dropsAfter").GetDouble(), python.GetProperty("groupRaisedAt").GetDouble(), "Python's TaskGroup raised");
    }

    [Fact]
    public async Task The_failing_round_is_drawn_live_and_its_cell_keeps_the_final_chart_with_the_failure()
    {
        var run = await NotebookRuns.Succeeded(Notebook);
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string chart = LiveChartCells.FinalChart(run, "var failing = new Timeline(");
        Assert.Contains("\"name\":\"failed\"", chart, StringComparison.Ordinal);                   // B's failure is on it
        double longest = claims.GetProperty("longest").GetDouble() * NotebookRuns.SecondsPerHour;
        Assert.InRange(LiveChartCells.ElapsedSeconds(chart), longest * 0.95, longest * 1.25);       // and C's meal, to its end
    }

    [Fact]
    public async Task The_cancelled_round_is_drawn_live_and_its_cell_keeps_the_final_chart_with_the_cancellations()
    {
        var run = await NotebookRuns.Succeeded(Notebook);
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string chart = LiveChartCells.FinalChart(run, "var givingUp = new Timeline(");
        Assert.Contains("\"name\":\"cancelled\"", chart, StringComparison.Ordinal);
        double giveUp = claims.GetProperty("giveUpAt").GetDouble() * NotebookRuns.SecondsPerHour;
        Assert.InRange(LiveChartCells.ElapsedSeconds(chart), giveUp * 0.95, giveUp * 1.25);               // the round ended where they gave up
    }

    [Fact]
    public async Task Over_stdio_the_failing_and_the_cancelled_rounds_are_redrawn_in_place_while_they_run()
    {
        StdioNotebookRun run = await NotebookRuns.Stdio(Notebook);

        LiveChartCells.AssertRedrawnWhileRunning(run, "var failing = new Timeline(");
        LiveChartCells.AssertRedrawnWhileRunning(run, "var givingUp = new Timeline(");
    }

    [Theory]
    [InlineData("(\"B\", 2)", "(\"B\", -2)", "B's mealtime is -2 h: a mealtime must be a finite number of story hours, 0 or more.")]
    [InlineData("var riders = 2;", "var riders = 0;", "riders is 0: it must be a whole number from 1 to 10.")]
    [InlineData("var deadlineHours = 2.5;", "var deadlineHours = -1;", "deadlineHours is -1 h: it must be a finite number of story hours, 0 or more.")]
    public async Task A_bad_parameter_stops_the_parameters_cell_naming_it_and_what_is_allowed(string replace, string with, string message)
    {
        CellError error = await ParametersCellRun.FailureWith(Notebook, replace, with);

        Assert.Contains(message, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rounds_end_near_their_ideal_hours()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        // What the lesson prints as this machine's figures: sane, not exact (a timer may end a tick early; the first run carries the JIT).
        Assert.All(Doubles(claims, "lateMs"), ms => Assert.InRange(ms, -10, 0.25 * NotebookRuns.SecondsPerHour * 1000));
    }

    /// <summary>The Python side's claims; present whenever python3 is (the fact is skipped without it).</summary>
    private static JsonElement Python(JsonElement claims)
    {
        JsonElement python = claims.GetProperty("python");
        Assert.True(python.ValueKind == JsonValueKind.Object, "python3 is on the PATH, yet the notebook's Python originals did not run");
        return python;
    }

    /// <summary>A story hour measured in the run: never more than a timer tick early, and at most a quarter of an hour late.</summary>
    private static void AssertAbout(double expectedHours, double hours, string what) =>
        Assert.True(hours >= expectedHours - 0.05 && hours <= expectedHours + 0.25,
            $"{what} at {hours:F3} h; expected about {expectedHours} h (at {NotebookRuns.SecondsPerHour} s per hour, 0.05 h is {0.05 * NotebookRuns.SecondsPerHour * 1000:F0} ms)");

    private static string[] Strings(JsonElement claims, string name) =>
        [.. claims.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static double[] Doubles(JsonElement claims, string name) =>
        [.. claims.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
