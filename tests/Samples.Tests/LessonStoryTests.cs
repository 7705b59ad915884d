using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// Each sample tells its lesson's story: the key lines a learner should see, and the timings' shape as ratios with
/// tolerances (never exact hours: timers follow a ~4 ms tick and the first run in a process pays for JIT warm-up).
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class LessonStoryTests(SampleRuns runs)
{
    [Fact]
    public async Task Start_here_times_one_plain_delivery_and_delivers_the_taste_one_after_another_in_the_sum()
    {
        SampleOutput run = await RunAsync("00-start-here");

        Assert.Contains("results: [1, 2, 3]", run.Lines);
        double plain = double.Parse(PlainSpanHours().Match(run.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(plain, 0.9, 1.3); // A's one-hour meal, timed by a Stopwatch around Task.Delay
        double oneAfterAnother = double.Parse(OneAfterAnotherIn().Match(run.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(oneAfterAnother / 6, 0.95, 1.3); // the sum of the meals, 6 h
    }

    [Fact]
    public async Task Sync_vs_async_blocks_for_the_sum_and_awaits_for_the_longest()
    {
        SampleOutput run = await RunAsync("01-sync-vs-async");

        // synchronous, the pitfall, asynchronous; and start_then_await.py's own, beside the asynchronous round, where Python runs
        Assert.Equal(SampleProcess.HasPython3 ? 4 : 3, run.Lines.Count(l => l == "results: [1, 2, 3]"));
        double synchronous = run.Hours("synchronous"), pitfall = run.Hours("pitfall"), asynchronous = run.Hours("asynchronous");
        Assert.InRange(asynchronous / synchronous, 0.4, 0.6);
        Assert.InRange(pitfall / synchronous, 0.9, 1.1); // async that blocks is no faster than synchronous
        string[] heartbeat = run.Section("a blocked thread does nothing else");
        Assert.InRange(Beats(heartbeat, "blocking"), 0, 1);         // the blocked thread never got to the heartbeat
        Assert.InRange(Beats(heartbeat, "awaiting"), 18, 30);       // about one every quarter hour of six

        static int Beats(string[] lines, string run) =>
            int.Parse(Regex.Match(lines.Single(l => l.StartsWith(run, StringComparison.Ordinal)), @"(\d+) heartbeat").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Concurrency_vs_parallelism_overlaps_on_one_thread_and_async_alone_cooks_on_one()
    {
        SampleOutput run = await RunAsync("02-concurrency-vs-parallelism");

        Assert.Contains(run.Lines, l => l.EndsWith("on 1 thread(s): the waits overlapped, nothing ran at the same time", StringComparison.Ordinal));
        Assert.Contains("results: [1, 2, 3]", run.Lines);
        string asyncOnly = run.Lines.Single(l => l.StartsWith("async methods, no Task.Run", StringComparison.Ordinal));
        Assert.EndsWith(" 1", asyncOnly, StringComparison.Ordinal); // one thread
        Assert.Contains(run.Lines, l => l.StartsWith("Parallel.For: every core", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("Task.Run per dish + WhenAll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coroutines_enter_three_times_and_hot_tasks_start_before_lazy_ones()
    {
        SampleOutput run = await RunAsync("03-coroutines-as-async-methods");

        Assert.Contains("results: [1, 2, 3]", run.Lines);
        Assert.Equal(3, run.Lines.Count(l => l.Contains("re-entered after the whole meal", StringComparison.Ordinal)));
        Assert.Contains("C#, a call:               calling TracedBody() / body starts / got a task back / after await", run.Lines);
        Assert.Contains("making a Func<Task> / got a Func<Task> / body starts / after await", run.Lines);
        Assert.Contains("the future completed with 42", run.Lines);
    }

    [Fact]
    public async Task Coroutines_show_the_state_machine_a_Debug_program_builds_and_when_it_becomes_the_task()
    {
        string[] section = (await RunAsync("03-coroutines-as-async-methods")).Section("the state machine");

        Assert.Contains(section, l => l.StartsWith("this program was built unoptimized (Debug", StringComparison.Ordinal) && l.EndsWith("is a class", StringComparison.Ordinal));
        Assert.Contains("Eat(1, wait: false):  a plain Task`1: no box", section);
        Assert.Contains(section, l => l.StartsWith("Eat(0.5, wait: true): an AsyncStateMachineBox around ", StringComparison.Ordinal) && l.EndsWith(", a class; is it a Task<double>? True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coroutines_show_inline_continuations_ValueTask_rules_a_hand_written_awaiter_and_fire_and_forget()
    {
        SampleOutput run = await RunAsync("03-coroutines-as-async-methods");

        Assert.Contains(run.Lines, l => l.StartsWith("C#, TaskCreationOptions.None:", StringComparison.Ordinal) && l.EndsWith("awaiters run inside it: 1 of 3", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("C#, RunContinuationsAsynchronously:", StringComparison.Ordinal) && l.EndsWith("awaiters run inside it: 0 of 3", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("a channel's ValueTask, first await: 1.5; second await: InvalidOperationException: ", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("ValueTask.WhenAll exists: False; gathered with AsTask(): [1, 2, 3] in ", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("C#: await new Meal(clock, 1) returned 1 after ", StringComparison.Ordinal));
        Assert.Contains("after a garbage collection, UnobservedTaskException fired 1 time(s): B dropped the plate after 0.5 h", run.Lines);
        Assert.Contains("the caller's catch ran: False; the loop received: C dropped the plate after 0.5 h", run.Lines);
        if (SampleProcess.HasPython3)
        {
            Assert.Contains(run.Lines, l => l.StartsWith("Python, create_task:      calling create_task(traced_body()) / got a task back / body starts", StringComparison.Ordinal));
            Assert.Contains(run.Lines, l => l.StartsWith("Python, a Future (future_callbacks.py):", StringComparison.Ordinal) && l.EndsWith("awaiters run inside set_result: 0 of 3", StringComparison.Ordinal));
            Assert.Contains(run.Lines, l => l.StartsWith("Python: the loop reported \"Task exception was never retrieved\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Coroutines_continue_on_the_pool_in_a_console_program_and_in_ASP_NET_Core_and_on_the_loop_thread_on_a_loop()
    {
        string[] section = (await RunAsync("03-coroutines-as-async-methods")).Section("where continuations run");

        var console = ContinuationRow(section, "console program");
        var aspNetCore = ContinuationRow(section, "ASP.NET Core"); // a real request to Kestrel on 127.0.0.1
        var loop = ContinuationRow(section, "SingleThreadLoop");
        Assert.Equal("null", console.Context);
        Assert.Equal("null", aspNetCore.Context);                 // no SynchronizationContext in ASP.NET Core...
        Assert.True(aspNetCore.AfterAwaitPool && aspNetCore.AfterFalsePool, string.Join('\n', section)); // ...so both awaits continue on the pool
        Assert.True(console.AfterAwaitPool && console.AfterFalsePool, string.Join('\n', section));
        Assert.False(loop.StartedPool);
        Assert.Equal(loop.Started, loop.AfterAwait);               // await came back to the loop's one thread...
        Assert.NotEqual(loop.Started, loop.AfterFalse);            // ...and ConfigureAwait(false) left it, for the pool
        Assert.True(loop.AfterFalsePool);
        Assert.NotEqual("null", loop.Context);

        static (string Context, int Started, bool StartedPool, int AfterAwait, bool AfterAwaitPool, int AfterFalse, bool AfterFalsePool) ContinuationRow(string[] lines, string app)
        {
            string line = lines.Single(l => l.StartsWith(app + "  ", StringComparison.Ordinal));
            Match m = ContinuationSites().Match(line);
            Assert.True(m.Success, line);
            int Thread(int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
            return (m.Groups[1].Value, Thread(2), m.Groups[3].Value == "pool", Thread(4), m.Groups[5].Value == "pool", Thread(6), m.Groups[7].Value == "pool");
        }
    }

    [Fact]
    public async Task Gather_returns_results_in_order_and_gathers_in_about_the_longest_meal()
    {
        SampleOutput run = await RunAsync("04-gather-as-whenall");

        Assert.Equal(SampleProcess.HasPython3 ? 3 : 2, run.Lines.Count(l => l == "results: [1, 2, 3]")); // gathered, one by one, and Python's
        Assert.InRange(run.Hours("gathered") / run.Hours("sequential"), 0.4, 0.6);
        string[] gathered = run.Section("gathered");
        Assert.Equal(["Delivered to A!", "Delivered to B!", "Delivered to C!"], gathered.Take(3).Select(Unstamped));
        Assert.Contains("(deliveries.Select(...) started 0 deliveries by itself; WhenAll enumerated it once and started 3)", gathered);
        Assert.Contains("written: C, B, A; the meals ended: A, B, C; WhenAll's results: [3, 2, 1] (argument order)", run.Section("asynchronous"));
        Assert.Contains("await threw Q's failure (the first in argument order); the task holds: Q, R", run.Section("failures"));
        string[] late = run.Section("late");
        double lateCSharp = double.Parse(GatheredLate().Match(string.Join('\n', late.Where(l => l.StartsWith("C#:", StringComparison.Ordinal)))).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(lateCSharp, 2.9, 3.6);   // made before the late gather, the meals ran meanwhile: the longest meal
        if (SampleProcess.HasPython3)
        {
            double latePython = double.Parse(GatheredLate().Match(string.Join('\n', late.Where(l => l.StartsWith("Python:", StringComparison.Ordinal)))).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(latePython, 3.95, 5.0);   // Python's coroutines start only when gathered: the late hour, then the longest meal
        }

        if (SampleProcess.HasPython3)
        {
            Assert.InRange(run.Hours("asyncio.gather") / run.Hours("gathered"), 0.85, 1.15); // both the longest meal, in the same run
        }
    }

    [Theory]
    [InlineData("03-coroutines-as-async-methods", "03-entries.trace.json", 1)]
    [InlineData("04-gather-as-whenall", "04-gather.trace.json", 3)]
    public async Task Coroutines_and_gather_write_a_Chrome_trace_beside_their_charts(string sample, string file, int processes)
    {
        var (run, charts) = await runs.OfAsync(sample);
        Assert.True(run.ExitCode == 0, run.ToString());

        SampleTrace trace = await SampleTrace.ReadAsync(run, charts, file);
        Assert.Equal(processes, trace.Processes.Length); // one per timeline (04: Python's too, empty if it could not run)
        Assert.Contains(trace.Events, e => e.GetProperty("ph").GetString() is "X" or "i");
    }

    [Fact]
    public async Task The_mealtimes_argument_sets_the_customers()
    {
        string charts = Directory.CreateTempSubdirectory("sample-mealtimes-").FullName;
        try
        {
            SampleOutput run = await SampleProcess.RunCSharpAsync("04-gather-as-whenall", ["--mealtimes", "0.5,1.5", "--scale", "0.05", "--out", charts]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("results: [0.5, 1.5]", run.Lines);
            Assert.Contains(run.Lines, l => Unstamped(l) == "B finished eating, took 1.5 h");
            Assert.DoesNotContain("Delivered to C!", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(charts, recursive: true);
        }
    }

    [Fact]
    public async Task Failures_and_cancellation_shows_a_failure_every_outcome_cancellation_timeouts_and_a_cancellable_method()
    {
        SampleOutput run = await RunAsync("05-failures-and-cancellation");

        Assert.Contains(run.Section("1. a failure"), l => l.StartsWith("caught at", StringComparison.Ordinal) && l.EndsWith("B dropped the plate after 1.5 h", StringComparison.Ordinal));
        Assert.Contains("one exception object all the way: B's task holds it: True; WhenAll's task holds 1, the same one: True; await threw it unwrapped (DeliveryFailedException, not AggregateException)", run.Lines);
        Assert.Contains("statuses: A RanToCompletion, B Faulted, C RanToCompletion", run.Lines);
        Assert.Contains("outcomes: [1, DeliveryFailedException: B dropped the plate after 1.5 h, 3]", run.Lines);
        Assert.Contains(run.Section("3. cancellation"), l => l.StartsWith("statuses: A RanToCompletion, B RanToCompletion, C Canceled", StringComparison.Ordinal));
        Assert.Contains(run.Section("4a."), l => l.Contains("TimeoutException: the caller gave up waiting; the deliveries are still under way", StringComparison.Ordinal));
        Assert.Contains("outcomes: [1, 2, cancelled]", run.Lines);
        Assert.Contains(run.Section("2. every outcome"), l => l.EndsWith("back on a one-thread loop's thread after it: False, after SuppressThrowing | ContinueOnCapturedContext: True)", StringComparison.Ordinal));
        IReadOnlyList<string> cancellable = run.Section("5. your own cancellable method");
        Assert.Contains(cancellable, l => Unstamped(l) == "finished: ready: 3 dishes");
        Assert.Contains(cancellable, l => Unstamped(l) == "caller: TaskCanceledException: the caller fired");
        Assert.Contains(cancellable, l => Unstamped(l) == "deadline: TaskCanceledException: the deadline fired");

        double all = run.Hours("every outcome");
        Assert.InRange(run.Hours("one fails") / all, 0.9, 1.1);          // WhenAll waited for every delivery
        Assert.InRange(run.Hours("give up") / all, 2.5 / 3 - 0.08, 2.5 / 3 + 0.08);
        Assert.InRange(run.Hours("WaitAsync") / all, 0.9, 1.1);          // giving up waiting cancelled nothing
        Assert.InRange(run.Hours("CancelAfter") / all, 2.5 / 3 - 0.08, 2.5 / 3 + 0.08);
        Assert.InRange(run.Hours("prepare") / all, 0.95, 1.2);           // three dishes of an hour, and their plating
        Assert.InRange(run.Hours("caller cancels") / all, 1.25 / 3 - 0.08, 1.25 / 3 + 0.08); // half the deadline
        Assert.InRange(run.Hours("deadline fires") / all, 2.5 / 3 - 0.08, 2.5 / 3 + 0.08);
    }

    [Fact]
    public async Task Completion_order_and_throttling_shows_the_order_K_riders_an_async_lock_and_a_task_group()
    {
        SampleOutput run = await RunAsync("06-completion-order-and-throttling");

        Assert.Contains("completion order: A, B, C; WhenAll's results stay in argument order: [1, 2, 3]", run.Lines);
        Assert.Contains("A's and B's tasks are the same object: True", run.Section("1b."));
        Assert.Contains("names looked up by task: A, A, C; carried with the result: A, B, C", run.Section("1b."));
        Assert.Contains("at most 2 meals at once with SemaphoreSlim, 2 with Parallel.ForEachAsync", run.Lines);
        int cores = Environment.ProcessorCount;
        Assert.Contains(run.Section("2b."), l => l.StartsWith($"at most {cores} at once; started {2 * cores} of {3 * cores};", StringComparison.Ordinal));
        Assert.Contains(run.Section("2b."), l => l.StartsWith($"the task holds {cores}: DeliveryFailedException", StringComparison.Ordinal));
        Match unguarded = Regex.Match(Assert.Single(run.Section("3. mutual exclusion"), l => l.StartsWith("unguarded: ", StringComparison.Ordinal)), @"^unguarded: (?<coins>\d+) of 20 coins");
        Assert.True(unguarded.Success);
        Assert.InRange(int.Parse(unguarded.Groups["coins"].Value, CultureInfo.InvariantCulture), 1, 10); // 5 deliveries overwrite each other's coins
        Assert.Contains(run.Section("3. mutual exclusion"), l => l.StartsWith("under SemaphoreSlim(1, 1): 20 of 20 coins in the jar, 0 lost", StringComparison.Ordinal));
        Assert.Contains("plain .NET statuses: A RanToCompletion, B Faulted, C Canceled", run.Lines);
        Assert.Contains("TaskGroup statuses: A RanToCompletion, B Faulted, C Canceled", run.Lines);

        double all = run.Hours("as completed");
        Assert.InRange(run.Hours("2 at a time") / all, 4.0 / 3 - 0.1, 4.0 / 3 + 0.1);
        Assert.InRange(run.Hours("ForEach fails") / all, 0.5 - 0.08, 0.5 + 0.08); // the second round's failure at 1.5 h ends it
        Assert.InRange(run.Hours("plain group") / all, 0.5 - 0.08, 0.5 + 0.08);   // B fails at 1.5 h and C is cancelled then
        Assert.InRange(run.Hours("task group") / all, 0.5 - 0.08, 0.5 + 0.08);
    }

    [Fact]
    public async Task Beyond_gather_gathers_http_requests_and_feeds_riders_through_a_channel()
    {
        SampleOutput run = await RunAsync("07-beyond-gather");

        Assert.Contains("mealtimes from the server: [1, 2, 3]", run.Lines);
        Assert.Equal(7, run.Lines.Count(l => Unstamped(l).StartsWith("GET /mealtime/", StringComparison.Ordinal))); // a warm-up, 3 one by one, 3 gathered
        Assert.InRange(run.Hours("HTTP gathered") / run.Hours("HTTP one by one"), 0.1, 0.6);
        Assert.Equal(3, run.Section("2. a channel").Count(l => Unstamped(l).EndsWith("'s dishes collected", StringComparison.Ordinal)));
        Assert.Contains("results: [1, 2, 3]", run.Lines);
        Assert.InRange(run.Hours("kitchen + 2 riders"), 4.4, 5.0);
        Assert.InRange(run.Hours("LongRunning"), 2.9, 3.5); // a dedicated thread per blocking meal: the longest meal
    }

    /// <summary>A delivery line without its <c>[t= 1.00 h]</c> stamp.</summary>
    internal static string Unstamped(string line) => StampPrefix().Replace(line, string.Empty);

    private async Task<SampleOutput> RunAsync(string sample)
    {
        SampleOutput run = (await runs.OfAsync(sample)).Run;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    [GeneratedRegex(@"^\[t=\s*[0-9.]+ h\] ")]
    private static partial Regex StampPrefix();

    [GeneratedRegex(@"^span: A ate from [0-9.]+ s to [0-9.]+ s \(([0-9.]+) story hours\)", RegexOptions.Multiline)]
    private static partial Regex PlainSpanHours();

    [GeneratedRegex(@"one after another in ([0-9.]+) story hours")]
    private static partial Regex OneAfterAnotherIn();

    [GeneratedRegex(@"gathered after 1 h, done after ([0-9.]+) h")]
    private static partial Regex GatheredLate();

    [GeneratedRegex(@"SynchronizationContext: (\S+)\s+started on thread (\d+) \((pool|not pool)\); after await: thread (\d+) \((pool|not pool)\); after ConfigureAwait\(false\): thread (\d+) \((pool|not pool)\)$")]
    private static partial Regex ContinuationSites();
}
