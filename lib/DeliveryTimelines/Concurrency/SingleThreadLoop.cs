using System.Collections.Concurrent;

namespace DeliveryTimelines;

/// <summary>
/// An event loop like asyncio's: one dedicated thread runs an async function and every continuation after its awaits.
/// </summary>
/// <remarks>
/// <para>
/// C# has no event loop of its own: after an <c>await</c>, code continues on whatever the awaiting code captured, which
/// in a console program or a notebook is the thread pool. Inside <see cref="RunAsync{T}"/>, the captured
/// <see cref="SynchronizationContext"/> is this loop, so each continuation is queued back to its one thread, exactly as
/// asyncio queues callbacks on its loop. Deliveries still overlap (concurrency) while only one thread ever runs them (no
/// parallelism).
/// </para>
/// <para>
/// The loop stops when the function's task has completed and so has every <c>async void</c> method started on the loop
/// (they report to it through <see cref="OperationStarted"/> and <see cref="OperationCompleted"/>), so nothing started
/// inside outlives the run. An exception that escapes to the loop, such as one thrown by an <c>async void</c> method,
/// does not crash the process (as it would on the thread pool): it fails the run, after the function's own exception if
/// it has one. A function that never completes keeps the loop running: bound the wait with
/// <see cref="Task.WaitAsync(TimeSpan)"/>.
/// </para>
/// </remarks>
public sealed class SingleThreadLoop : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];
    private readonly List<Exception> _escaped = [];
    private readonly Thread _thread;
    private int _operations;

    private SingleThreadLoop(Action<IReadOnlyList<Exception>> whenStopped)
    {
        _thread = new Thread(() =>
        {
            RunUntilIdle();
            whenStopped(_escaped);
        })
        { IsBackground = true, Name = "event loop" };
    }

    /// <summary>The managed thread id of the loop's thread.</summary>
    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>Runs <paramref name="main"/> on a new single-thread loop: the C# <c>asyncio.run(main())</c>.</summary>
    /// <returns>
    /// A task with <paramref name="main"/>'s result, completed when the loop has stopped; faulted with every exception
    /// that <paramref name="main"/> threw or that escaped to the loop.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    public static Task<T> RunAsync<T>(Func<Task<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        T value = default!;
        Exception? failure = null;
        var loop = new SingleThreadLoop(escaped =>
        {
            var failures = failure is null ? escaped : [failure, .. escaped];
            if (failures.Count > 0)
            {
                result.SetException(failures);
            }
            else
            {
                result.SetResult(value);
            }
        });

        loop.OperationStarted(); // main counts as one operation: the loop runs at least until it completes
        loop.Post(async _ =>
        {
            try
            {
                value = await main().ConfigureAwait(true); // true: stay on the loop
            }
#pragma warning disable CA1031 // every failure goes to the caller through the task
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
            finally
            {
                loop.OperationCompleted();
            }
        }, null);
        loop._thread.Start();
        return result.Task;
    }

    /// <summary>Runs <paramref name="main"/> on a new single-thread loop: the C# <c>asyncio.run(main())</c>.</summary>
    /// <returns>A task completed when the loop has stopped; faulted as <see cref="RunAsync{T}"/> describes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    public static Task RunAsync(Func<Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return RunAsync(async () => { await main().ConfigureAwait(true); return true; });
    }

    /// <summary>Queues <paramref name="d"/> to run on the loop's thread (where every continuation inside the loop goes).</summary>
    /// <remarks>Work posted after the loop has stopped runs on the thread pool, so that it is never lost.</remarks>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        try
        {
            _queue.Add((d, state));
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            ThreadPool.QueueUserWorkItem(s => d(s), state);
        }
    }

    /// <summary>Not supported: a loop never blocks one of its callers waiting on itself.</summary>
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A single-thread loop only takes posted work.");

    /// <summary>Called when an operation (an <c>async void</c> method) starts on the loop: the loop waits for it to end.</summary>
    public override void OperationStarted() => Interlocked.Increment(ref _operations);

    /// <summary>Called when an operation started on the loop has ended; the loop stops after the last one.</summary>
    public override void OperationCompleted()
    {
        if (Interlocked.Decrement(ref _operations) == 0)
        {
            _queue.CompleteAdding(); // callbacks already queued (an async void's exception, say) still run
        }
    }

    private void RunUntilIdle()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            try
            {
                callback(state);
            }
#pragma warning disable CA1031 // what escapes to the loop fails the run rather than the process
            catch (Exception e)
#pragma warning restore CA1031
            {
                _escaped.Add(e);
            }
        }

        _queue.Dispose(); // the loop has stopped: nothing reads the queue any more
    }
}
