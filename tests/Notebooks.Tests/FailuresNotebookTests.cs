using System.Text.Json;
using Tooling;
using Xunit;
using static Notebooks.Tests.StoryClaims;

namespace Notebooks.Tests;

/// <summary>
/// 05 — what the failures-and-cancellation lesson claims, measured in the run whose outputs the learner reads: each C#
/// claim, and each claim about asyncio from the Python original the notebook ran beside it, in the same run at the same clock.
/// </summary>
[NotebookClaims(Notebook,
    "new { caughtAtHours, longest = deliveries.Max(d => d.Mealtime), failingStatuses = failingTasks.Select(t => t.Status.ToString()), " +
    "flowSameInWhenAll = object.ReferenceEquals(heldByWhenAll, thrownByB), flowSameAtAwait = object.ReferenceEquals(caughtByAwait, thrownByB), " +
    "caughtType = caughtByAwait!.GetType().Name, faultedAt = failing.Snapshot().Where(s => s.Phase == \"faulted\").Select(s => clock.ToHours(s.Start)), " +
    "caughtMarkAt = failing.Snapshot().Where(s => s.Name == \"caller\" && s.Phase == \"caught\").Select(s => clock.ToHours(s.Start)), " +
    "thrownByAwait, heldCount = heldByTask.Count, outcomes = outcomes.Select(o => o.ToString()), plainOutcomes, settledHours = clock.ToHours(settled.Elapsed), " +
    "backAfterSuppressAlone, backAfterBothFlags, thrownForTaskOfT, " +
    "cancelLatencyMs = cancelLatency.TotalMilliseconds, cancelledStatuses = cancellable.Select(t => t.Status.ToString()), giveUpAt, " +
    "deadlineHours, gaveUpAtHours, eatenAnyway, waitOnlyHours = clock.ToHours(waitOnly.Elapsed), " +
    "cancelAfterHours = clock.ToHours(cancelAfter.Elapsed), beforeDeadline = beforeDeadline.Select(o => o.ToString()), " +
    "dishes, nobodyCancels = new { nobodyCancels.Outcome, nobodyCancels.Hours }, callerCancels = new { callerCancels.Outcome, callerCancels.Hours }, " +
    "deadlineFires = new { deadlineFires.Outcome, deadlineFires.Hours }, thrownBy = thrownBy.Select(t => t.Thrown?.GetType().Name ?? \"nothing\"), everyOneIsOce, " +
    "dropsAfter, lateMs, " +
    "python = gatherFails.Ran ? new { " +
    "  gatherCaughtAt = gatherFails.When(\"caller\", \"caught\"), gatherStillEating = gatherFails.Result(\"still_eating\"), gatherLastFinished = gatherFails.When(\"C\", \"finished\"), " +
    "  settledOutcomes = returnExceptions.Result(\"outcomes\"), settledAt = returnExceptions.Result(\"returned_at\").GetDouble(), " +
    "  cancelStatuses = cancelled.Result(\"statuses\"), cancelledAt = cancelled.When(\"C\", \"cancelled\"), cancelMs = cancelled.Result(\"cancel_ms\").GetDouble(), " +
    "  waitForTimedOutAt = timeouts.Result(\"wait_for\", \"timed_out_at\").GetDouble(), waitForCancelledAt = timeouts.When(\"C\", \"cancelled\", \"wait_for\"), " +
    "  waitStoppedAt = timeouts.Result(\"wait\", \"timed_out_at\").GetDouble(), waitPending = timeouts.Result(\"wait\", \"pending\"), waitLastFinished = timeouts.When(\"C\", \"finished\", \"wait\"), " +
    "  cancellableOutcomes = new[] { \"finished\", \"caller\", \"timeout\" }.Select(s => cancellablePython.Result(s, \"outcome\").GetString()), " +
    "  cancellableAt = new[] { \"finished\", \"caller\", \"timeout\" }.Select(s => cancellablePython.Result(s, \"at\").GetDouble()) " +
    "} : null }")]
public sealed class FailuresNotebookTests
{
    private const string Notebook = "05-failures-and-cancellation";

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
    [InlineData("var dishes = 3;", "var dishes = 0;", "dishes is 0: it must be a whole number from 1 to 10.")]
    [InlineData("var deadlineHours = 2.5;", "var deadlineHours = -1;", "deadlineHours is -1 h: it must be a finite number of story hours, 0 or more.")]
    public Task A_bad_parameter_stops_the_parameters_cell_naming_it_and_what_is_allowed(string replace, string with, string message) =>
        AssertParametersCellRefuses(Notebook, replace, with, message);

    [Fact]
    public async Task The_rounds_end_near_their_ideal_hours()
    {
        AssertRoundsEndedNearTheirIdealHours(await NotebookRuns.Claims(Notebook));
    }

    [Fact]
    public async Task One_exception_object_goes_from_the_failing_task_into_WhenAlls_task_and_out_of_await_unwrapped()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.True(claims.GetProperty("flowSameInWhenAll").GetBoolean(), "WhenAll's task should hold B's own exception object");
        Assert.True(claims.GetProperty("flowSameAtAwait").GetBoolean(), "await should rethrow B's own exception object");
        Assert.Equal("DeliveryFailedException", claims.GetProperty("caughtType").GetString());
        double faultedAt = Assert.Single(Doubles(claims, "faultedAt")), caughtAt = Assert.Single(Doubles(claims, "caughtMarkAt"));
        AssertAbout(claims.GetProperty("longest").GetDouble(), faultedAt, "WhenAll's task faulted");   // when every delivery had ended
        Assert.True(faultedAt <= caughtAt, $"the catch ({caughtAt:F3} h) should come after WhenAll's task faulted ({faultedAt:F3} h)");
    }

    [Fact]
    public async Task The_plain_dotnet_reading_of_every_task_gives_what_Outcome_gives()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(Strings(claims, "outcomes"), Strings(claims, "plainOutcomes"));
    }

    [Fact]
    public async Task Your_own_cancellable_method_finishes_stops_for_the_caller_and_times_out_at_the_deadline_saying_which()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int dishes = claims.GetProperty("dishes").GetInt32();
        JsonElement finished = claims.GetProperty("nobodyCancels"), caller = claims.GetProperty("callerCancels"), deadline = claims.GetProperty("deadlineFires");
        Assert.Equal($"ready: {dishes} dishes", finished.GetProperty("Outcome").GetString());
        Assert.InRange(finished.GetProperty("Hours").GetDouble(), dishes - 0.05, dishes + 0.5);   // the plating's CPU steps add a little
        Assert.Equal("TaskCanceledException: the caller cancelled", caller.GetProperty("Outcome").GetString()); // it landed in Task.Delay
        AssertAbout(claims.GetProperty("giveUpAt").GetDouble(), caller.GetProperty("Hours").GetDouble(), "the caller's cancel stopped it");
        Assert.StartsWith("TimeoutException", deadline.GetProperty("Outcome").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("the deadline fired", deadline.GetProperty("Outcome").GetString(), StringComparison.Ordinal);
        AssertAbout(claims.GetProperty("deadlineHours").GetDouble(), deadline.GetProperty("Hours").GetDouble(), "the linked token's deadline stopped it");
    }

    [Fact]
    public async Task Task_Delay_throws_TaskCanceledException_ThrowIfCancellationRequested_OperationCanceledException_and_the_base_type_catches_all()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string[] thrown = Strings(claims, "thrownBy");
        Assert.Equal("TaskCanceledException", thrown[0]);     // await Task.Delay(…, token)
        Assert.Equal("OperationCanceledException", thrown[1]); // token.ThrowIfCancellationRequested()
        Assert.True(claims.GetProperty("everyOneIsOce").GetBoolean());
    }

    [NotebookPythonFact]
    public async Task Python_cancel_lands_at_an_await_and_asyncio_timeout_says_it_timed_out()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        Assert.Equal(["finished", "CancelledError", "TimeoutError"], Strings(python, "cancellableOutcomes"));
        double[] at = Doubles(python, "cancellableAt");
        Assert.InRange(at[0], claims.GetProperty("dishes").GetInt32() - 0.05, claims.GetProperty("dishes").GetInt32() + 0.5);
        AssertAbout(claims.GetProperty("giveUpAt").GetDouble(), at[1], "Python's cancel() stopped prepare()");
        AssertAbout(claims.GetProperty("deadlineHours").GetDouble(), at[2], "asyncio.timeout stopped prepare()");
    }
}
