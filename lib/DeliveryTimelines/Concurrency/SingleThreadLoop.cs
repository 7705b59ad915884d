using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace DeliveryTimelines;

/// <summary>
/// An event loop like asyncio's: one dedicated thread runs an async function and every continuation after its awaits.
/// </summary>
/// <remarks>
/// <para>
/// C# has no event loop of its own: after an <c>await</c>, code continues on whatever the awaiting code captured, which
/// in a console program or a notebook is the thread pool. Inside <see cref="RunAsync{T}"/>, the captured
/// <see cref="SynchronizationContext"/> is this loop's, so each continuation is queued back to its one thread, exactly
/// as asyncio queues callbacks on its loop. Deliveries still overlap (concurrency) while only one thread ever runs them (no
/// parallelism).
/// </para>
/// <para>
/// The loop stops when the function's task has completed and so has every <c>async void</c> method started on the loop
/// (they report to it through <see cref="SynchronizationContext.OperationStarted"/> and
/// <see cref="SynchronizationContext.OperationCompleted"/>), so nothing started inside outlives the run. An exception
/// that escapes to the loop, such as one thrown by an <c>async void</c> method, does not crash the process (as it
/// would on the thread pool): it fails the run, after the function's own exception if it has one. A function that never completes keeps the loop running: bound the wait with
/// <see cref="Task.WaitAsync(TimeSpan)"/>.
/// </para>
/// <para>
/// The loop and the context that code on it sees are two types, as in Stephen Cleary's AsyncEx <c>AsyncContext</c>: the
/// context type is private, so only code running on the loop can reach it (as <see cref="SynchronizationContext.Current"/>),
/// and a copy of it (<see cref="SynchronizationContext.CreateCopy"/>, which some frameworks take) still posts to the
/// same loop.
/// <see cref="SynchronizationContext.Send"/> runs the callback at once when called on the loop's thread (waiting for
/// itself would never end), and otherwise queues it and waits for it.
/// </para>
/// </remarks>
public sealed class SingleThreadLoop
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];
    private readonly List<Exception> _escaped = [];
    private readonly Thread _thread;
    private int _operations;

    private SingleThreadLoop(Action<IReadOnlyList<Exception>> whenStopped)
    {
        _thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new LoopContext(this));
            RunUntilIdle();
            whenStopped(_escaped);
        })
        { IsBackground = true, Name = "event loop" };
    }

    private int ThreadId => _thread.ManagedThreadId;

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

    // Queues d to run on the loop's thread, where every continuation inside the loop goes. Work posted after the loop
    // has stopped runs on the thread pool, so that it is never lost.
    private void Post(SendOrPostCallback d, object? state)
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

    // Runs d on the loop's thread and returns when it has run, with its exception if it threw: at once when already on
    // that thread (queueing it and waiting would wait forever), otherwise queued behind what is already there.
    private void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Environment.CurrentManagedThreadId == ThreadId)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        ExceptionDispatchInfo? failure = null;
        Post(_ =>
        {
            try
            {
                d(state);
            }
#pragma warning disable CA1031 // rethrown to the sender below
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        }, null);
        done.Wait();
        failure?.Throw();
    }

    // An operation (an async void method) started on the loop: the loop waits for it to end.
    private void OperationStarted() => Interlocked.Increment(ref _operations);

    // An operation started on the loop has ended; the loop stops after the last one.
    private void OperationCompleted()
    {
        if (Interlocked.Decrement(ref _operations) == 0)
        {
            _queue.CompleteAdding(); // callbacks already queued (an async void's exception, say) still run
        }
    }

    private void RunUntilIdle()
    {
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

    /// <summary>What code running on the loop sees as <see cref="SynchronizationContext.Current"/>: every call goes to the loop.</summary>
    private sealed class LoopContext(SingleThreadLoop loop) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => loop.Post(d, state);

        public override void Send(SendOrPostCallback d, object? state) => loop.Send(d, state);

        public override void OperationStarted() => loop.OperationStarted();

        public override void OperationCompleted() => loop.OperationCompleted();

        public override SynchronizationContext CreateCopy() => new LoopContext(loop);

        public override bool Equals(object? obj) => obj is LoopContext other && ReferenceEquals(other.Loop, loop);

        public override int GetHashCode() => loop.GetHashCode();

        private SingleThreadLoop Loop => loop;
    }
}
