using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// 02 — the sample tells the notebook's story: thread lanes that count threads and the most at once, each kitchen's
/// fastest round after a warm-up, the pool growing past its minimum only after a wait, the GIL contrast, and a Chrome
/// trace with a track per thread beside its charts.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed class ConcurrencyVsParallelismSampleTests(SampleRuns runs)
{
    private const string Sample = "02-concurrency-vs-parallelism";

    [Fact]
    public async Task Parallel_For_never_cooks_more_dishes_at_once_than_there_are_cores_in_any_round()
    {
        SampleOutput run = await RunAsync();
        string[] rounds = [.. run.Lines.Where(l => l.StartsWith("warm-up ", StringComparison.Ordinal) || l.StartsWith("round ", StringComparison.Ordinal))];

        Assert.Equal(4, rounds.Length); // a warm-up round, then three timed rounds
        foreach (string round in rounds)
        {
            string parallelFor = round.Split('|')[1];
            int atOnce = int.Parse(parallelFor.Split("at most ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.InRange(atOnce, 1, Environment.ProcessorCount);
        }
    }

    [Fact]
    public async Task The_fastest_rounds_show_parallelism_on_more_than_one_core_and_none_for_async_alone()
    {
        SampleOutput run = await RunAsync();

        double everyCore = Column(run, "Parallel.For: every core", 2), taskRun = Column(run, "Task.Run per dish + WhenAll", 2);
        string got = run.Lines.Single(l => l.StartsWith("in its fastest round Parallel.For's process got the CPU time of ", StringComparison.Ordinal));
        double coresGot = double.Parse(got.Split(" of ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        if (Environment.ProcessorCount > 1)
        {
            // Whatever the load, Parallel.For cooked on two threads at once.
            Assert.InRange(Column(run, "Parallel.For: every core", 4), 2, Environment.ProcessorCount);
            if (coresGot >= 1.6)
            {
                // The process had about two cores' worth of CPU: about ×2 (the fastest of three rounds after a
                // warm-up); ×1 would mean nothing ran at once. With less, other programs had the rest.
                Assert.True(Math.Max(everyCore, taskRun) >= 1.3, run.ToString());
            }
        }

        Assert.True(Column(run, "async methods, no Task.Run", 2) <= 1.35, run.ToString());
        Assert.Equal(1, Column(run, "async methods, no Task.Run", 3)); // one thread
        Assert.Equal(1, Column(run, "async methods, no Task.Run", 4)); // one at a time
    }

    [Fact]
    public async Task Blocking_calls_past_the_pools_threads_wait_for_it_to_add_threads()
    {
        SampleOutput run = await RunAsync();
        string line = run.Lines.Single(l => l.StartsWith("the next ", StringComparison.Ordinal) && l.Contains(" waited for a thread (s): ", StringComparison.Ordinal));
        double[] waits = [.. line.Split(": ")[1].Split(", ").Select(t => double.Parse(t, CultureInfo.InvariantCulture))];

        Assert.Contains(run.Lines, l => l.Contains(" blocking calls got a thread at once", StringComparison.Ordinal));
        Assert.True(waits.Length == 3, run.ToString()); // the first call that waited, and the two queued behind it
        Assert.InRange(waits[0], 0.2, 1.9); // a thread added before the first calls' 2 s ended, and not at once
    }

    [Fact]
    public async Task It_writes_a_Chrome_trace_with_a_track_per_thread_next_to_its_charts()
    {
        var (run, charts) = await runs.OfAsync(Sample);
        Assert.True(run.ExitCode == 0, run.ToString());

        SampleTrace trace = await SampleTrace.ReadAsync(run, charts, "02-concurrency-vs-parallelism.trace.json");
        Assert.Equal(6, trace.Processes.Length); // one per timeline
        Assert.Contains(trace.Spans, e => e.GetProperty("name").GetString() == "dish 1: cooking");
        Assert.Contains(trace.Spans, e => e.GetProperty("name").GetString() == "call 1: blocked");
    }

    private async Task<SampleOutput> RunAsync()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    /// <summary>Column <paramref name="index"/> (0 is the kitchen) of the fastest-rounds table's row for <paramref name="kitchen"/>.</summary>
    private static double Column(SampleOutput run, string kitchen, int index)
    {
        string row = run.Lines.Single(l => l.StartsWith(kitchen, StringComparison.Ordinal));
        string[] cells = row[kitchen.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return double.Parse(cells[index - 1], CultureInfo.InvariantCulture);
    }
}
