using System.Text.Json;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// 01 — the sample keeps step with its notebook: hello, world before the deliveries, the heartbeat, an async method
/// without await that builds with warnings as errors, this machine's timer measured, and a Chrome trace of every run.
/// (The rounds' ratios are in <see cref="LessonStoryTests"/>.)
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed class SyncVsAsyncSampleTests(SampleRuns runs)
{
    private const string Sample = "01-sync-vs-async";

    [Fact]
    public async Task Hello_world_waits_about_one_story_hour_before_the_deliveries()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] hello = run.Section("hello, world");
        Assert.Equal(["hello", "world"], hello.Take(2).Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]));
        Assert.InRange(run.Hours("hello, world") / run.Hours("asynchronous") * 3, 0.8, 1.25); // 1 h against the longest meal, 3 h
    }

    [PythonFact]
    public async Task The_Python_original_says_hello_and_world_one_story_hour_apart_beside_it()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.Contains(run.Section("hello, world"), l => l.EndsWith("main() returned a coroutine object; nothing has run yet", StringComparison.Ordinal));
        Assert.InRange(run.Hours("hello.py") / run.Hours("hello, world"), 0.8, 1.25); // the same hour in both languages
    }

    [PythonFact]
    public async Task Python_tasks_created_then_awaited_one_by_one_overlap_like_the_CSharp_round_beside_it()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.InRange(run.Hours("Python overlap") / run.Hours("asynchronous"), 0.8, 1.25); // the longest meal in both languages
        Assert.InRange(run.Hours("Python overlap") / run.Hours("synchronous"), 0.4, 0.65);   // not the sum
    }

    [Fact]
    public async Task An_async_method_without_await_builds_with_warnings_as_errors_and_runs_synchronously()
    {
        // The sample builds under the repository's Directory.Build.props (warnings as errors): CS1998 is gone from the
        // .NET 10 compiler, so its NoAwaitAtAll compiles; and it completed before its call returned.
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.Contains("An async method with no await compiled without a warning and was complete when the call returned: True", run.Lines);
    }

    [Fact]
    public async Task It_says_what_this_machines_timer_did_measured_in_the_run()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.Contains(run.Lines, l => l.StartsWith("On this machine .NET's timers tick every ", StringComparison.Ordinal) && l.Contains(" delays measured just now", StringComparison.Ordinal));
    }

    [PythonFact]
    public async Task Pythons_sleeps_timed_the_same_way_never_end_early()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;

        Assert.Contains(run.Lines, l => l.StartsWith("asyncio.sleep here: of ", StringComparison.Ordinal) && l.Contains(" sleeps timed just now, 0 ended early", StringComparison.Ordinal));
    }

    [Fact]
    public async Task It_writes_a_Chrome_trace_of_every_run_next_to_its_charts()
    {
        var (run, charts) = await runs.OfAsync(Sample);

        string[] processes = (await SampleTrace.ReadAsync(run, charts, "01-sync-vs-async.trace.json")).Processes;
        Assert.True(File.Exists(Path.Combine(charts, "heartbeat.html")));
        Assert.Equal(["C#: hello, await, world", "synchronous: Thread.Sleep", "blocking: Deliver holds the loop's only thread",
            "awaiting: await DeliverAsync frees it", "async with Thread.Sleep inside: still one after another",
            "asynchronous: every delivery started, then each awaited"], processes.Where(p => !p.StartsWith("Python ", StringComparison.Ordinal)));
        if (SampleProcess.HasPython3)
        {
            Assert.StartsWith("Python 3.", processes[1], StringComparison.Ordinal); // hello.py, beside the C# hello
            Assert.EndsWith(": hello.py", processes[1], StringComparison.Ordinal);
        }
    }
}
