using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// Every claim the lessons make about what asyncio does, checked by running the Python original beside the same story
/// in C#, in the same test at the same clock scale: both sides of each contrast, as timings with tolerances.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed class PythonContrastTests
{
    private const double Scale = 0.1;            // real seconds per story hour: ~25 timer ticks per hour
    private const double Late = 0.5;             // how late a stamp may be, in story hours (50 ms), on a busy machine
    private const double Early = 0.1;            // Task.Delay follows a ~4 ms timer tick and was seen to end 5 ms early here
                                                 // (10 ms is 0.1 h); asyncio.sleep never ends early
    private static readonly StoryClock Clock = new(Scale);

    [PythonFact]
    public async Task Gather_raises_at_the_first_failure_while_WhenAll_waits_for_every_delivery()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("gather_fails.py", "--drops-after", 1.5);

        var csharp = new Timeline("WhenAll");
        var caughtAt = double.NaN;
        try
        {
            await Task.WhenAll(StartRound(new Courier(Clock, csharp, TextWriter.Null), dropsAfter: 1.5));
        }
        catch (DeliveryFailedException)
        {
            caughtAt = Clock.ToHours(csharp.Now);
        }

        AssertAbout(1.5, python.When("B", "failed"));
        AssertAbout(1.5, python.Result("raised_at").GetDouble());               // at once...
        Assert.Equal(["C"], Strings(python.Result("still_eating")));            // ...while C eats on...
        AssertAbout(3.0, python.When("C", "finished"));                         // ...to the end of its meal
        AssertAbout(3.0, caughtAt);                                              // C#: only when every delivery has ended
    }

    [PythonFact]
    public async Task Return_exceptions_and_WhenAllSettled_both_give_every_outcome_in_argument_order()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("return_exceptions.py", "--drops-after", 1.5);

        var csharp = new Timeline("settled");
        Outcome<double>[] outcomes = await Outcome.WhenAllSettled(StartRound(new Courier(Clock, csharp, TextWriter.Null), dropsAfter: 1.5));

        JsonElement[] pythonOutcomes = [.. python.Result("outcomes").EnumerateArray()];
        Assert.Equal(1.0, pythonOutcomes[0].GetDouble());
        Assert.StartsWith("RuntimeError('B dropped the plate after 1.5 h')", pythonOutcomes[1].GetString(), StringComparison.Ordinal);
        Assert.Equal(3.0, pythonOutcomes[2].GetDouble());
        AssertAbout(3.0, python.Result("returned_at").GetDouble());
        Assert.Equal(1.0, outcomes[0].Value);
        Assert.IsType<DeliveryFailedException>(outcomes[1].Exception);
        Assert.Equal(3.0, outcomes[2].Value);
        AssertAbout(3.0, Clock.ToHours(csharp.Elapsed));
    }

    [PythonFact]
    public async Task Cancel_reaches_every_task_in_Python_and_every_task_holding_the_token_in_CSharp()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("cancel.py", "--give-up-at", 1.5);

        var csharp = new Timeline("a token");
        var courier = new Courier(Clock, csharp, TextWriter.Null);
        Task<double>[] tasks;
        using (var giveUp = new CancellationTokenSource())
        {
            tasks = [.. Story.Select(d => courier.DeliverAsync(d.Name, d.Mealtime, giveUp.Token))];
            await Clock.WaitAsync(1.5);
            await giveUp.CancelAsync();
            await Outcome.WhenAllSettled(tasks);
        }

        Assert.Equal(["done", "cancelled", "cancelled"], Strings(python.Result("statuses")));
        AssertAbout(1.5, python.When("C", "cancelled"));
        Assert.Equal([TaskStatus.RanToCompletion, TaskStatus.Canceled, TaskStatus.Canceled], tasks.Select(t => t.Status));
        AssertAbout(1.5, Clock.ToHours(csharp.Snapshot().Single(s => s is { Name: "C", Phase: Phase.Cancelled }).Start));
    }

    [PythonFact]
    public async Task Wait_for_and_timeout_cancel_at_the_deadline_like_a_token_and_asyncio_wait_stops_waiting_like_WaitAsync()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("timeouts.py", "--deadline", 2.5);

        var waitOnly = new Timeline("WaitAsync");
        var waitOnlyCourier = new Courier(Clock, waitOnly, TextWriter.Null);
        Task<double[]> meals = Task.WhenAll(Story.Select(d => waitOnlyCourier.DeliverAsync(d.Name, d.Mealtime)));
        await Assert.ThrowsAsync<TimeoutException>(() => meals.WaitAsync(Clock.ToRealTime(2.5)));
        var gaveUpAt = Clock.ToHours(waitOnly.Now);
        await meals;
        var cancelling = new Timeline("CancelAfter");
        var cancellingCourier = new Courier(Clock, cancelling, TextWriter.Null);
        Outcome<double>[] outcomes;
        using (var deadline = new CancellationTokenSource(Clock.ToRealTime(2.5)))
        {
            outcomes = await Outcome.WhenAllSettled(Story.Select(d => cancellingCourier.DeliverAsync(d.Name, d.Mealtime, deadline.Token)));
        }

        AssertAbout(2.5, python.When("C", "cancelled", section: "wait_for"));           // Python cancels the late meal...
        AssertAbout(2.5, python.Result("wait_for", "timed_out_at").GetDouble());
        if (python.Results.TryGetProperty("skipped_sections", out JsonElement skipped))  // asyncio.timeout: Python 3.11+
        {
            Assert.Contains("needs Python 3.11", skipped.GetProperty("timeout").GetString(), StringComparison.Ordinal);
        }
        else
        {
            AssertAbout(2.5, python.When("C", "cancelled", section: "timeout"));
        }

        Assert.True(outcomes[2].IsCanceled);                                              // ...and so does a C# token
        AssertAbout(2.5, Clock.ToHours(cancelling.Elapsed));
        Assert.Equal(["C"], Strings(python.Result("wait", "pending")));                  // asyncio.wait only stops waiting...
        AssertAbout(3.0, python.When("C", "finished", section: "wait"));
        AssertAbout(2.5, gaveUpAt);                                                       // ...as WaitAsync does
        AssertAbout(3.0, Clock.ToHours(waitOnly.Elapsed));
    }

    [PythonFact]
    public async Task As_completed_and_WhenEach_hand_back_the_shortest_meal_first()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("as_completed.py");

        var courier = new Courier(Clock, new Timeline("WhenEach"), TextWriter.Null);
        (string Name, double Mealtime)[] reversed = [.. Story.Reverse()];
        Task<double>[] started = [.. reversed.Select(d => courier.DeliverAsync(d.Name, d.Mealtime))];
        var order = new List<string>();
        await foreach (Task<double> done in Task.WhenEach(started))
        {
            order.Add(reversed[Array.IndexOf(started, done)].Name);
        }

        Assert.Equal(["A", "B", "C"], Strings(python.Result("completion_order")));
        Assert.Equal([3.0, 2.0, 1.0], python.Result("gather_results").EnumerateArray().Select(r => r.GetDouble()));
        Assert.Equal(["A", "B", "C"], order);
    }

    [PythonFact]
    public async Task A_task_group_cancels_the_rest_at_the_first_failure_in_both_languages()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("task_group.py", "--drops-after", 1.5);

        var csharp = new Timeline("TaskGroup");
        var courier = new Courier(Clock, csharp, TextWriter.Null);
        Task<double>[] members;
        AggregateException? caught = null;
        await using (var group = new TaskGroup())
        {
            members = [.. Story.Select(d => d.Name == "B"
                ? group.Run(token => courier.DeliverAndDropAsync(d.Name, 1.5, token))
                : group.Run(token => courier.DeliverAsync(d.Name, d.Mealtime, token)))];
            caught = await Assert.ThrowsAsync<AggregateException>(group.WhenAllAsync);
        }

        Assert.Single(caught.InnerExceptions);
        Assert.Equal([TaskStatus.RanToCompletion, TaskStatus.Faulted, TaskStatus.Canceled], members.Select(t => t.Status));
        AssertAbout(1.5, Clock.ToHours(csharp.Elapsed));
        if (!IsAtLeast(python, 3, 11))
        {
            Assert.Contains("asyncio.TaskGroup needs Python 3.11 or later", python.Skipped, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(["done", "failed", "cancelled"], Strings(python.Result("statuses")));
        Assert.StartsWith("RuntimeError(", Assert.Single(Strings(python.Result("failures"))), StringComparison.Ordinal);
        AssertAbout(1.5, python.When("C", "cancelled"));
        AssertAbout(1.5, python.Result("raised_at").GetDouble());
    }

    [PythonFact]
    public async Task A_CSharp_call_runs_the_body_at_once_where_create_task_waits_for_the_caller_to_yield()
    {
        PythonRun python = await RunAsync("create_task_order.py");

        // On one thread, as asyncio runs: the order is then the language's, not a race between the caller and a pool
        // thread resuming the body.
        var csharp = new List<string>();
        async Task Delivery()
        {
            csharp.Add("body starts");
            await Task.Yield();
            csharp.Add("after await");
        }

        await SingleThreadLoop.RunAsync(async () =>
        {
            csharp.Add("calling");
            Task task = Delivery();
            csharp.Add("got a task back");
            await task;
        });

        Assert.Equal(["calling create_task(traced_body())", "got a task back", "body starts", "after await"],
            Strings(python.Result("order", "create_task")));
        Assert.Equal(["calling traced_body()", "got a coroutine object", "body starts", "after await"],
            Strings(python.Result("order", "coroutine")));
        Assert.Equal(["calling", "body starts", "got a task back", "after await"], csharp);
    }

    [PythonFact]
    public async Task An_eager_task_runs_like_a_CSharp_call_and_says_plainly_when_this_Python_is_too_old()
    {
        PythonRun python = await RunAsync("eager_tasks.py");

        if (!IsAtLeast(python, 3, 12))
        {
            Assert.False(python.Ran);
            Assert.Equal($"asyncio.eager_task_factory needs Python 3.12 or later; this is Python {python.PythonVersion}", python.Skipped);
            Assert.Empty(python.Events);
            return;
        }

        Assert.Equal(["calling create_task(traced_body())", "body starts", "got a task back", "after await"], Strings(python.Result("order")));
        Assert.True(python.Result("done_at_once").GetBoolean());
        Assert.True(CompletedAtOnce().IsCompleted);                              // C#: a body that never waits is done at the call

        static async Task<string> CompletedAtOnce() => await Task.FromResult("ready");
    }

    [PythonFact]
    public async Task A_shared_counter_loses_updates_only_when_an_await_sits_inside_the_read_modify_write()
    {
        PythonRun python = await RunAsync("shared_counter.py", "--riders", 10, "--rounds", 50);

        var (between, inside) = await SingleThreadLoop.RunAsync(async () =>
        {
            int tally = 0;
            async Task CountBetweenAwaits()
            {
                for (var i = 0; i < 50; i++) { tally++; await Task.Yield(); }
            }

            async Task CountWithAwaitInside()
            {
                for (var i = 0; i < 50; i++) { int seen = tally; await Task.Yield(); tally = seen + 1; }
            }

            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CountBetweenAwaits()));
            int afterBetween = tally;
            tally = 0;
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CountWithAwaitInside()));
            return (afterBetween, tally);
        });

        Assert.Equal(0, python.Result("between_awaits", "lost").GetInt32());
        Assert.True(python.Result("await_inside", "lost").GetInt32() > 0, python.ToString());
        Assert.Equal(0, python.Result("with_lock", "lost").GetInt32());
        Assert.Equal(500, python.Result("with_lock", "expected").GetInt32());
        Assert.Equal(500, between);                                              // C# on one thread: the same as asyncio
        Assert.True(inside < 500, $"counted {inside} of 500 with an await inside");
    }

    [PythonFact]
    public async Task A_forgotten_failure_is_reported_by_the_loop_in_Python_and_by_the_finalizer_in_CSharp()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("fire_and_forget.py");

        var unobserved = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Report(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x.Message == ForgottenMessage))
            {
                unobserved.TrySetResult(e.Exception.InnerExceptions[0]);
            }
        }

        TaskScheduler.UnobservedTaskException += Report;
        try
        {
            ForgetAFailingTask();
            for (var i = 0; i < 10 && !unobserved.Task.IsCompleted; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();                                   // C# reports it only when the task is finalized
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Report;
        }

        Assert.Equal("Task exception was never retrieved", python.Result("reported").GetString());
        AssertAbout(0.5, python.Result("reported_at").GetDouble());              // Python: as soon as the forgotten task is gone
        Assert.StartsWith("RuntimeError(", python.Result("caught").GetString(), StringComparison.Ordinal);
        Assert.True(unobserved.Task.IsCompleted, "TaskScheduler.UnobservedTaskException did not fire after the task was collected");
    }

    [PythonFact]
    public async Task A_semaphore_and_SemaphoreSlim_both_keep_the_lunch_rush_to_two_riders()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("semaphore.py", "--riders", 2, "--lunch-rush", 6);

        var csharp = new Timeline("SemaphoreSlim");
        var courier = new Courier(Clock, csharp, TextWriter.Null);
        using var riders = new SemaphoreSlim(2);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await riders.WaitAsync();
            try { await courier.DeliverAsync(Customers.Name(i), 1); }
            finally { riders.Release(); }
        }));

        Assert.Equal(2, python.Result("most_at_once").GetInt32());
        Assert.Equal(3, python.Result("ideal_hours").GetInt32());
        AssertRounds(3, python.Result("hours").GetDouble());
        Assert.Equal(2, csharp.MostAtOnce(Phase.Eating));
        AssertRounds(3, Clock.ToHours(csharp.Elapsed));
    }

    [PythonFact]
    public async Task Hello_waits_one_story_hour_between_hello_and_world()
    {
        await using var timing = await TimingAsync();
        PythonRun python = await RunAsync("hello.py");

        Assert.Equal("coroutine", python.Result("coroutine").GetString());
        AssertAbout(1.0, python.When("main", "world") - python.When("main", "hello"));
    }

    [PythonFact]
    public async Task Async_files_in_Python_are_blocking_calls_on_a_thread_pool_and_every_file_reads_back()
    {
        PythonRun python = await RunAsync("async_files.py", "--files", 20);

        if (!IsAtLeast(python, 3, 9))
        {
            Assert.Contains("asyncio.to_thread needs Python 3.9", python.Skipped, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(20, python.Result("files").GetInt32());
        Assert.True(python.Result("all_read_back").GetBoolean());
        Assert.True(python.Result("threads").GetInt32() > 1, $"the gathered writes ran on one thread:\n{python}");
        foreach (string way in new[] { "blocking", "one_by_one", "gathered", "read_back" })
        {
            Assert.True(python.Result("ms", way).GetDouble() > 0, way);
        }
    }

    private static readonly (string Name, double Mealtime)[] Story = [("A", 1), ("B", 2), ("C", 3)];

    private const string ForgottenMessage = "the rider crashed, and nobody was told";

    private static Task<PythonRun> RunAsync(string script, params object[] arguments) =>
        PythonScript.RunAsync(script, ["--scale", Scale, .. arguments], TimeSpan.FromMinutes(1));

    /// <summary>The repository's timing lock: no other timed run (a notebook, a sample) measures at the same time.</summary>
    private static async Task<IAsyncDisposable> TimingAsync() =>
        await RepositoryLock.AcquireAsync(SampleProcess.Root, RepositoryLock.Timing);

    private static Task<double>[] StartRound(Courier courier, double dropsAfter) =>
        [.. Story.Select(d => d.Name == "B" ? courier.DeliverAndDropAsync(d.Name, dropsAfter) : courier.DeliverAsync(d.Name, d.Mealtime))];

    private static void AssertAbout(double expected, double hours) =>
        Assert.InRange(hours, expected - Early, expected + Late);

    /// <summary>Meals of one hour in <paramref name="rounds"/> rounds, one after another: not fewer, and not one more.</summary>
    private static void AssertRounds(int rounds, double hours) =>
        Assert.InRange(hours, rounds - Early, rounds + 1 - Early);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Whether the Python that ran is <paramref name="major"/>.<paramref name="minor"/> or later (3.14.0rc1 counts as 3.14).</summary>
    private static bool IsAtLeast(PythonRun run, int major, int minor)
    {
        int[] version = [.. run.PythonVersion!.Split('.').Take(2).Select(p => int.Parse(string.Concat(p.TakeWhile(char.IsAsciiDigit)), CultureInfo.InvariantCulture))];
        return (version[0], version[1]).CompareTo((major, minor)) >= 0;
    }

    /// <summary>Starts a task that fails, waits until it has ended without reading its exception, and lets go of it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForgetAFailingTask()
    {
        Task forgotten = Task.Run(() => throw new InvalidOperationException(ForgottenMessage));
        ((IAsyncResult)forgotten).AsyncWaitHandle.WaitOne();                 // ended; its exception never read
    }
}
