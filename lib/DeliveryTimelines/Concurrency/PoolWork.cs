using System.Diagnostics;

namespace DeliveryTimelines;

/// <summary>What some work cost, run several times: its time, and the thread-pool work items it queued.</summary>
/// <param name="Median">The median time of the runs.</param>
/// <param name="Fastest">The fastest run.</param>
/// <param name="Slowest">The slowest run.</param>
/// <param name="WorkItems">Thread-pool work items completed during a run (the median of the runs). The count is the
/// whole process's, so work running alongside adds to it: run nothing else meanwhile.</param>
/// <param name="PoolThreads">The most thread-pool threads there were at the end of a run.</param>
public readonly record struct PoolWorkCost(TimeSpan Median, TimeSpan Fastest, TimeSpan Slowest, long WorkItems, int PoolThreads);

/// <summary>
/// Measures how long some asynchronous work takes and how much of it the thread pool did: lesson 07 and its sample
/// show with it that an async file call on Linux is a blocking call run by a pool thread (one work item per read or
/// write), where a blocking call queues none.
/// </summary>
/// <remarks>
/// Work items are counted with <see cref="ThreadPool.CompletedWorkItemCount"/> before and after each run; what
/// completes on the pool for any other reason in the same process is counted too, so the figures are for quiet
/// moments (a test host running tests in parallel is not one).
/// </remarks>
public static class PoolWork
{
    /// <summary>Runs <paramref name="run"/> <paramref name="rounds"/> times, one after another, and reports the median.</summary>
    /// <param name="run">The work: started, then awaited, once per round.</param>
    /// <param name="rounds">How many times to run it: 1 to 1,000.</param>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is below 1 or above 1,000.</exception>
    public static Task<PoolWorkCost> MeasureAsync(Func<Task> run, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (rounds is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Run the work 1 to 1,000 times; got {rounds}.");
        }

        return MeasureCoreAsync(run, rounds);
    }

    private static async Task<PoolWorkCost> MeasureCoreAsync(Func<Task> run, int rounds)
    {
        var times = new TimeSpan[rounds];
        var workItems = new long[rounds];
        int threads = 0;
        for (int round = 0; round < rounds; round++)
        {
            long itemsBefore = ThreadPool.CompletedWorkItemCount;
            long start = Stopwatch.GetTimestamp();
            await run().ConfigureAwait(false);
            times[round] = Stopwatch.GetElapsedTime(start);
            workItems[round] = ThreadPool.CompletedWorkItemCount - itemsBefore;
            threads = Math.Max(threads, ThreadPool.ThreadCount);
        }

        Array.Sort(times);
        Array.Sort(workItems);
        return new PoolWorkCost(times[rounds / 2], times[0], times[^1], workItems[rounds / 2], threads);
    }
}
