using System.Collections.Concurrent;

namespace DeliveryTimelines;

/// <summary>
/// An event loop like asyncio's: one dedicated thread runs an async function and every continuation after its awaits.
/// </summary>
/// <remarks>
/// C# has no event loop of its own: after an <c>await</c>, code continues on whatever the awaiting code captured, which
/// in a console program or a notebook is the thread pool. Inside <see cref="RunAsync{T}"/>, the captured
/// <see cref="SynchronizationContext"/> is this loop, so each continuation is queued back to its one thread, exactly as
/// asyncio queues callbacks on its loop. Deliveries still overlap (concurrency) while only one thread ever runs them (no
/// parallelism). The loop ends when the function's task completes, and its result or exception passes to the caller.
/// </remarks>
public sealed class SingleThreadLoop : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];
    private readonly Thread _thread;

    private SingleThreadLoop()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "event loop" };
    }

    /// <summary>The managed thread id of the loop's thread.</summary>
    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>Runs <paramref name="main"/> on a new single-thread loop: the C# <c>asyncio.run(main())</c>.</summary>
    /// <returns>A task with <paramref name="main"/>'s result or exception, completed when the loop has stopped.</returns>
    public static Task<T> RunAsync<T>(Func<Task<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var loop = new SingleThreadLoop();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(async _ =>
        {
            try
            {
                result.SetResult(await main().ConfigureAwait(true)); // true: stay on the loop
            }
#pragma warning disable CA1031 // every failure goes to the caller through the task
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
            finally
            {
                loop._queue.CompleteAdding();
            }
        }, null);
        loop._thread.Start();
        return result.Task;
    }

    /// <summary>Runs <paramref name="main"/> on a new single-thread loop.</summary>
    public static Task RunAsync(Func<Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return RunAsync(async () => { await main().ConfigureAwait(true); return true; });
    }

    /// <summary>Queues <paramref name="d"/> to run on the loop's thread (where every continuation inside the loop goes).</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        try
        {
            _queue.Add((d, state));
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            ThreadPool.QueueUserWorkItem(s => d(s), state); // work that outlives the loop still runs, on the pool
        }
    }

    /// <summary>Not supported: a loop never blocks one of its callers waiting on itself.</summary>
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A single-thread loop only takes posted work.");

    private void Run()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }

        _queue.Dispose(); // the loop has stopped: nothing reads the queue any more
    }
}
