using System.Text.Json;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// 09 — the traps sample tells the notebook's story with the same checks (each printed ✔ or ✘), and each trap's Python
/// original shows the asyncio side of the contrast.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed class TrapsSampleTests(SampleRuns runs)
{
    private const string Sample = "09-traps-asyncio-never-set";
    private const double Scale = 0.1;

    [Fact]
    public async Task Every_check_holds_and_each_trap_prints_what_happened()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(run.Lines, l => l.StartsWith('✘'));
        Assert.Contains(run.Lines, l => l.StartsWith("all ", StringComparison.Ordinal) && l.EndsWith(" checks held", StringComparison.Ordinal));
        Assert.Contains("after Select: 0 deliveries started", run.Lines);
        Assert.Contains("✔ the foreach enumerated it again: 6 deliveries for 3 customers", run.Lines);
        Assert.Contains(run.Section("3. where"), l => l == "CheckedAtCall(\"B\", -1) threw at the call: ArgumentOutOfRangeException (mealtime)");
        Assert.Contains("✔ blocking the loop's thread on a method that must resume on it deadlocked (stopped by the guard)", run.Lines);
        Assert.Contains("A within 1.5 h: 1; C: timed out", run.Lines);
        Assert.Contains("in order: ForEach returned -> A done -> C done", run.Lines);
        if (Environment.ProcessorCount > 1)
        {
            Assert.Contains(run.Lines, l => l.StartsWith("✔ on the thread pool, jar = jar + Tip() lost ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task It_writes_a_Chrome_trace_of_every_round_next_to_its_charts()
    {
        var (run, charts) = await runs.OfAsync(Sample);

        string[] processes = (await SampleTrace.ReadAsync(run, charts, "09-traps.trace.json")).Processes;
        Assert.Equal(8, processes.Length);
        Assert.Equal("a Select enumerated twice", processes[0]);
    }

    [Fact]
    public async Task A_Select_enumerated_twice_takes_a_gather_and_then_every_meal_one_by_one()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.InRange(run.Hours("Select twice") / run.Hours("ToArray"), 9.0 / 3 - 0.3, 9.0 / 3 + 0.3);   // 3 h + (1 + 2 + 3) h vs 3 h
        Assert.InRange(run.Hours("checked at call") / run.Hours("checked in task"), 1.0 / 3 - 0.08, 1.0 / 3 + 0.08); // A's hour vs the longest
    }

    [Fact]
    public async Task Fewer_than_three_customers_get_one_line_naming_mealtimes()
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync(Sample, ["--mealtimes", "1,2", "--scale", "0.02"]);

        Assert.Equal(2, run.ExitCode);
        string message = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--mealtimes needs at least 3 customers", message, StringComparison.Ordinal);
    }

    [PythonFact]
    public async Task Python_gathers_a_generator_once_and_never_reruns_a_coroutine()
    {
        PythonRun python = await RunPythonAsync("gather_twice.py");

        Assert.Equal(3, python.Result("generator", "second").GetInt32());
        Assert.Equal("RuntimeError: cannot reuse already awaited coroutine", python.Result("coroutines", "raised").GetString());
        Assert.Equal(3, python.Result("tasks", "second").GetInt32());
        Assert.Equal(0, python.Result("tasks", "made").GetInt32());   // create_task schedules; nothing ran before the gather
    }

    [PythonFact]
    public async Task Python_raises_at_the_await_for_an_async_def_and_at_the_call_for_a_checking_function()
    {
        PythonRun python = await RunPythonAsync("where_it_raises.py");

        Assert.Equal("await", python.Result("async_def", "raised_at").GetString());
        Assert.Equal("call", python.Result("checked_at_call", "raised_at").GetString());
        Assert.Empty(python.Result("in_gather", "delivered").EnumerateArray());
        Assert.Single(python.Result("in_gather", "never_awaited").EnumerateArray()); // A's coroutine; C's was never made
    }

    [PythonFact]
    public async Task Python_blocking_the_loop_delays_the_delivery_until_the_thread_is_let_go()
    {
        PythonRun python = await RunPythonAsync("blocking_the_loop.py");

        Assert.False(python.Result("blocked", "finished_in_time").GetBoolean());
        Assert.True(python.When("A", "delivering", "blocked") >= python.When("caller", "timed out", "blocked")); // A started only after the wait gave up
        Assert.Equal("RuntimeError: This event loop is already running", python.Result("run_until_complete", "raised").GetString());
    }

    [PythonFact]
    public async Task Python_wait_first_completed_hands_back_the_failure_and_a_timeout_cancels_nothing_by_itself()
    {
        PythonRun python = await RunPythonAsync("first_completed.py", "--drops-after", 0.5);

        Assert.Equal("B", python.Result("first_completed", "winner").GetString());
        Assert.InRange(python.Result("first_completed", "returned_at").GetDouble(), 0.45, 1.0);
        Assert.True(python.When("C", "cancelled", "first_completed") < 3);               // C was stopped by hand, not by wait
        Assert.True(python.Result("timeout", "cancelled").GetBoolean());
    }

    [PythonFact]
    public async Task Python_never_runs_an_async_callback()
    {
        PythonRun python = await RunPythonAsync("async_callbacks.py");

        Assert.Empty(python.Result("for_each", "delivered").EnumerateArray());
        Assert.Equal(3, python.Result("for_each", "never_awaited").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, python.Result("for_each", "caught").ValueKind);
        Assert.Equal(3, python.Result("gathered", "delivered").GetArrayLength());
    }

    /// <summary>Runs a Python original at <see cref="Scale"/>, holding the repository's timing lock (no other timed run measures meanwhile).</summary>
    private static async Task<PythonRun> RunPythonAsync(string script, params object[] arguments)
    {
        await using var timing = await RepositoryLock.AcquireAsync(SampleProcess.Root, RepositoryLock.Timing);
        return await PythonScript.RunAsync(script, ["--scale", Scale, .. arguments], TimeSpan.FromMinutes(1));
    }
}
