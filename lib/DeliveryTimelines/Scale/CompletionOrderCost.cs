using System.Diagnostics;

namespace DeliveryTimelines;

/// <summary>What one way of handling tasks in the order they complete cost (see <see cref="CompletionOrderCost"/>).</summary>
/// <param name="Way">"WhenAny loop" or "WhenEach".</param>
/// <param name="Tasks">How many tasks were handled.</param>
/// <param name="Time">From the first task's completion to the last one handled.</param>
/// <param name="AllocatedBytes">Bytes allocated on the measuring thread meanwhile.</param>
public readonly record struct CompletionCost(string Way, int Tasks, TimeSpan Time, long AllocatedBytes);

/// <summary>
/// Measures the two ways to handle N tasks in the order they complete (<c>asyncio.as_completed</c>): a loop that calls
/// <see cref="Task.WhenAny{TResult}(IEnumerable{Task{TResult}})"/> over the tasks still pending and removes the winner,
/// and <see cref="Task.WhenEach{TResult}(IEnumerable{Task{TResult}})"/> (.NET 9 and later).
/// </summary>
/// <remarks>
/// <para>
/// Each round of the loop copies the pending list and registers a continuation on every task in it, then removes them
/// all again when one completes, so N tasks cost about N²/2 registrations: ten times the tasks, about a hundred times
/// the bytes (and far more than ten times the time). <c>WhenEach</c> registers once per task.
/// </para>
/// <para>
/// Both measurements run on the calling thread with no real waiting: N <see cref="TaskCompletionSource{TResult}"/>s
/// complete one by one, in order, each only once the previous one has been handled, so every wait is already over
/// when it is made and nothing else runs meanwhile. That makes the allocated bytes exact (bytes do not depend on the
/// machine); the times depend on the machine and its load. Built in Release, so a notebook cell that calls this
/// measures the framework's code, not the cell's unoptimized loop.
/// </para>
/// </remarks>
public static class CompletionOrderCost
{
    private static readonly Lazy<bool> WarmedUp = new(() =>
    {
        // Compile both paths once before anything is timed.
        Measure(WhenAnyLoop, 64);
        Measure(WhenEach, 64);
        return true;
    });

    /// <summary>Handles <paramref name="tasks"/> tasks in completion order with a <c>WhenAny</c> loop, and says what it cost.</summary>
    /// <param name="tasks">How many tasks: 1 to 100,000 (the loop is quadratic: 100,000 takes minutes).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tasks"/> is outside 1 to 100,000.</exception>
    public static CompletionCost MeasureWhenAnyLoop(int tasks) => MeasureWarm(WhenAnyLoop, tasks);

    /// <summary>Handles <paramref name="tasks"/> tasks in completion order with <c>Task.WhenEach</c>, and says what it cost.</summary>
    /// <param name="tasks">How many tasks: 1 to 100,000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tasks"/> is outside 1 to 100,000.</exception>
    public static CompletionCost MeasureWhenEach(int tasks) => MeasureWarm(WhenEach, tasks);

    private static CompletionCost MeasureWarm(Func<TaskCompletionSource<int>[], Task<int>[], string> handle, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tasks, 100_000);
        _ = WarmedUp.Value;
        return Measure(handle, tasks);
    }

    private static CompletionCost Measure(Func<TaskCompletionSource<int>[], Task<int>[], string> handle, int tasks)
    {
        var sources = new TaskCompletionSource<int>[tasks];
        var pending = new Task<int>[tasks];
        for (int i = 0; i < tasks; i++)
        {
            sources[i] = new TaskCompletionSource<int>();
            pending[i] = sources[i].Task;
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        string way = handle(sources, pending);
        TimeSpan time = Stopwatch.GetElapsedTime(start);
        return new CompletionCost(way, tasks, time, GC.GetAllocatedBytesForCurrentThread() - bytes);
    }

    // The loop a learner writes before .NET 9: WhenAny over what is pending, then remove the winner.
    private static string WhenAnyLoop(TaskCompletionSource<int>[] sources, Task<int>[] tasks)
    {
        var pending = new List<Task<int>>(tasks);

        for (int i = 0; i < sources.Length; i++)
        {
            Task<Task<int>> any = Task.WhenAny(pending); // copies the list, registers on every pending task
            sources[i].SetResult(i);                     // one ends; WhenAny unregisters from all the others
            pending.Remove(Done(any));
        }

        return "WhenAny loop";
    }

    private static string WhenEach(TaskCompletionSource<int>[] sources, Task<int>[] tasks)
    {
        IAsyncEnumerator<Task<int>> each = Task.WhenEach(tasks).GetAsyncEnumerator(); // registers once per task
        try
        {
            for (int i = 0; i < sources.Length; i++)
            {
                sources[i].SetResult(i);
                if (!Done(each.MoveNextAsync()))
                {
                    throw new InvalidOperationException("Task.WhenEach ended before every task was handled.");
                }
            }

            return "WhenEach";
        }
        finally
        {
            Done(each.DisposeAsync());
        }
    }

    // Every wait here is already over when it is made (the task it waits for has completed on this thread): reading it
    // at once never blocks. Anything else is a mistake in this class, reported rather than waited on.
    private static T Done<T>(Task<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("A wait that should have been over was still pending.");

    private static bool Done(ValueTask<bool> next) =>
        next.IsCompleted ? next.GetAwaiter().GetResult() : throw new InvalidOperationException("Task.WhenEach did not hand over a completed task at once.");

    private static void Done(ValueTask disposal)
    {
        if (!disposal.IsCompleted)
        {
            throw new InvalidOperationException("Task.WhenEach's enumerator did not dispose at once.");
        }

        disposal.GetAwaiter().GetResult();
    }
}
