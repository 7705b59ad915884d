using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>05 — what the gather-in-depth lesson claims, measured in the run whose outputs the learner reads.</summary>
[NotebookClaims(Notebook,
    "new { caughtAtHours, longest = deliveries.Max(d => d.Mealtime), failingStatuses = failingTasks.Select(t => t.Status.ToString()), " +
    "thrownByAwait, heldCount = heldByTask.Count, outcomes = outcomes.Select(o => o.ToString()), " +
    "cancelLatencyMs = cancelLatency.TotalMilliseconds, cancelledStatuses = cancellable.Select(t => t.Status.ToString()), " +
    "deadlineHours, gaveUpAtHours, eatenAnyway, waitOnlyHours = clock.ToHours(waitOnly.Elapsed), " +
    "cancelAfterHours = clock.ToHours(cancelAfter.Elapsed), beforeDeadline = beforeDeadline.Select(o => o.ToString()), " +
    "completionOrder, argumentOrder, riders, semaphoreMost = throttled.MostAtOnce(Phase.Eating), forEachMost = forEach.MostAtOnce(Phase.Eating), " +
    "semaphoreOverIdeal = clock.ToHours(throttled.Elapsed) / throttledIdeal, forEachOverIdeal = clock.ToHours(forEach.Elapsed) / throttledIdeal, " +
    "groupStatuses = members.Select(t => t.Status.ToString()), groupHours = clock.ToHours(grouped.Elapsed), dropsAfter }")]
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
    }

    [Fact]
    public async Task Cancelling_stops_every_delivery_still_eating_within_a_few_timer_ticks()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["RanToCompletion", "Canceled", "Canceled"], Strings(claims, "cancelledStatuses"));
        double latency = claims.GetProperty("cancelLatencyMs").GetDouble();
        Assert.True(latency < 40, $"{latency:F1} ms from Cancel() until every delivery had ended; expected about a millisecond, at most 10 ticks of 4 ms");
    }

    [Fact]
    public async Task WaitAsync_stops_the_waiting_at_the_deadline_but_not_the_meals()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double deadline = claims.GetProperty("deadlineHours").GetDouble(), longest = claims.GetProperty("longest").GetDouble();
        Assert.InRange(claims.GetProperty("gaveUpAtHours").GetDouble() / deadline, 0.95, 1.25);
        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims, "eatenAnyway"));
        Assert.True(claims.GetProperty("waitOnlyHours").GetDouble() >= 0.95 * longest, "the meals should have gone on to the end of the longest");
    }

    [Fact]
    public async Task A_token_that_cancels_at_the_deadline_stops_the_late_meal_there()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double deadline = claims.GetProperty("deadlineHours").GetDouble();
        Assert.Equal(["1", "2", "cancelled"], Strings(claims, "beforeDeadline"));
        Assert.InRange(claims.GetProperty("cancelAfterHours").GetDouble() / deadline, 0.95, 1.25);
    }

    [Fact]
    public async Task WhenEach_yields_the_deliveries_in_the_order_they_finish()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["A", "B", "C"], Strings(claims, "completionOrder")); // started C, B, A: the shortest meal ends first
        Assert.Equal([3.0, 2.0, 1.0], Doubles(claims, "argumentOrder"));
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

    [Fact]
    public async Task A_task_group_cancels_the_rest_when_one_fails_and_ends_then()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["RanToCompletion", "Faulted", "Canceled"], Strings(claims, "groupStatuses"));
        Assert.InRange(claims.GetProperty("groupHours").GetDouble() / claims.GetProperty("dropsAfter").GetDouble(), 0.95, 1.3);
    }

    private static string[] Strings(JsonElement claims, string name) =>
        [.. claims.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static double[] Doubles(JsonElement claims, string name) =>
        [.. claims.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
