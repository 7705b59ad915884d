using System.Text.Json;
using Tooling;
using Xunit;
using static Notebooks.Tests.StoryClaims;

namespace Notebooks.Tests;

/// <summary>
/// 06 — what the completion-order-and-throttling lesson claims, measured in the run whose outputs the learner reads: each
/// C# claim, and each claim about asyncio from the Python original the notebook ran beside it, in the same run at the same clock.
/// </summary>
[NotebookClaims(Notebook,
    "new { completionOrder, argumentOrder, handledAt = asCompleted.Snapshot().Where(s => s.Name == \"caller\").Select(s => clock.ToHours(s.Start)), " +
    "sameTask, lookedUp, carried, " +
    "riders, semaphoreMost = throttled.MostAtOnce(Phase.Eating), forEachMost = forEach.MostAtOnce(Phase.Eating), " +
    "semaphoreOverIdeal = clock.ToHours(throttled.Elapsed) / throttledIdeal, forEachOverIdeal = clock.ToHours(forEach.Elapsed) / throttledIdeal, throttledIdeal, " +
    "cores, forEachFailsMost = forEachFails.MostAtOnce(Phase.Eating), forEachStarted, forEachCancelled, neverStarted, forEachHeld, " +
    "forEachFailsHours = clock.ToHours(forEachFails.Elapsed), " +
    "lockErrors, tippers, expectedCoins, unguardedJar, guardedJar, unguardedHours, guardedHours, " +
    "plainGroupStatuses = plainMembers.Select(t => t.Status.ToString()), plainGroupHours = clock.ToHours(plainGroup.Elapsed), " +
    "groupStatuses = members.Select(t => t.Status.ToString()), groupHours = clock.ToHours(grouped.Elapsed), dropsAfter, lateMs, " +
    "python = asCompletedPython.Ran ? new { " +
    "  asCompletedOrder = asCompletedPython.Result(\"completion_order\"), gatherResults = asCompletedPython.Result(\"gather_results\"), " +
    "  sameTask = identity.Result(\"same_task\"), namesByTask = identity.Result(\"names_by_task\"), yieldsYourTasks = identity.Result(\"yields_your_tasks\"), " +
    "  semaphoreMost = semaphore.Result(\"most_at_once\").GetInt32(), semaphoreHours = semaphore.Result(\"hours\").GetDouble(), " +
    "  betweenAwaitsLost = sharedCounter.Result(\"between_awaits\", \"lost\").GetInt32(), awaitInsideLost = sharedCounter.Result(\"await_inside\", \"lost\").GetInt32(), " +
    "  withLockLost = sharedCounter.Result(\"with_lock\", \"lost\").GetInt32(), " +
    "  groupSkipped = taskGroup.Skipped, groupStatuses = taskGroup.Ran ? taskGroup.Result(\"statuses\") : default(System.Text.Json.JsonElement?), " +
    "  groupRaisedAt = taskGroup.Ran ? taskGroup.Result(\"raised_at\").GetDouble() : double.MaxValue " +
    "} : null }")]
[NotebookRerun(Notebook, "zero-meals", "deliveries = new (string Name, double Mealtime)[] { (\"A\", 0), (\"B\", 0), (\"C\", 0) };",
    cellContaining: "Task.WhenEach(started)", result: "new { completionOrder, argumentOrder }")]
[NotebookRerun(Notebook, "equal-meals", "deliveries = new (string Name, double Mealtime)[] { (\"A\", 1), (\"B\", 1), (\"C\", 1) };",
    cellContaining: "Task.WhenEach(started)", result: "new { completionOrder, argumentOrder }")]
public sealed class CompletionOrderNotebookTests
{
    private const string Notebook = "06-completion-order-and-throttling";

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

    [Theory]
    [InlineData("var riders = 2;", "var riders = 0;", "riders is 0: it must be a whole number from 1 to 10.")]
    [InlineData("var tippers = 5;", "var tippers = 1;", "tippers is 1: it must be a whole number from 2 to 20.")]
    [InlineData("var dropsAfter = 1.5;", "var dropsAfter = -1;", "dropsAfter is -1 h: it must be a finite number of story hours, 0 or more.")]
    public Task A_bad_parameter_stops_the_parameters_cell_naming_it_and_what_is_allowed(string replace, string with, string message) =>
        AssertParametersCellRefuses(Notebook, replace, with, message);

    [Fact]
    public async Task The_rounds_end_near_their_ideal_hours()
    {
        AssertRoundsEndedNearTheirIdealHours(await NotebookRuns.Claims(Notebook));
    }

    [Fact]
    public async Task An_await_inside_lock_is_compiler_error_CS1996()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string error = Assert.Single(Strings(claims, "lockErrors"));
        Assert.Contains("error CS1996: Cannot await in the body of a lock statement", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coins_are_lost_without_the_async_lock_and_none_under_SemaphoreSlim_1_1()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int expected = claims.GetProperty("expectedCoins").GetInt32(), tippers = claims.GetProperty("tippers").GetInt32();
        int unguarded = claims.GetProperty("unguardedJar").GetInt32();
        Assert.True(unguarded <= expected / tippers + tippers, $"unguarded, {unguarded} of {expected} coins reached the jar; the deliveries should overwrite each other's coins");
        Assert.Equal(expected, claims.GetProperty("guardedJar").GetInt32());
        // guarded, the coins are counted one at a time: about tippers times as long as unguarded
        Assert.InRange(claims.GetProperty("guardedHours").GetDouble() / claims.GetProperty("unguardedHours").GetDouble(), 0.6 * tippers, 1.5 * tippers);
    }

    [NotebookPythonFact]
    public async Task Python_loses_updates_with_an_await_inside_and_none_under_asyncio_Lock()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement python = Python(claims);

        Assert.Equal(0, python.GetProperty("betweenAwaitsLost").GetInt32());
        Assert.True(python.GetProperty("awaitInsideLost").GetInt32() > 0, "an await inside the read-modify-write should lose updates in Python too");
        Assert.Equal(0, python.GetProperty("withLockLost").GetInt32());
    }

    [Fact]
    public async Task A_plain_dotnet_task_group_cancels_the_rest_when_one_fails_as_TaskGroup_does()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["RanToCompletion", "Faulted", "Canceled"], Strings(claims, "plainGroupStatuses"));
        AssertAbout(claims.GetProperty("dropsAfter").GetDouble(), claims.GetProperty("plainGroupHours").GetDouble(), "the plain group ended");
    }
}
