namespace DeliveryTimelines;

/// <summary>
/// Structured concurrency, as asyncio's <c>TaskGroup</c> gives it: tasks started in a group share one cancellation
/// token; the first failure cancels the others; <see cref="WhenAllAsync"/> waits for every one of them and reports every
/// failure; and no task started in the group outlives it.
/// </summary>
/// <remarks>
/// <para>
/// .NET has no task group. <c>Task.WhenAll</c> waits for everything but cancels nothing when one task fails, and it
/// rethrows only the first exception. This type adds the two rules that make a group of tasks behave like one
/// operation: fail fast (cancel the rest) and lose nothing (an <see cref="AggregateException"/> of every failure,
/// Python's <c>ExceptionGroup</c>).
/// </para>
/// <code>
/// await using var group = new TaskGroup();
/// var a = group.Run(token => courier.DeliverAsync("A", 1, token));
/// var b = group.Run(token => courier.DeliverAsync("B", 2, token));
/// await group.WhenAllAsync();   // async with asyncio.TaskGroup() as tg: ... ends here
/// </code>
/// <para>
/// Disposing the group cancels whatever still runs and waits for it, so leaving the <c>await using</c> block early
/// (an exception, a <c>return</c>) leaves no orphaned task behind.
/// </para>
/// </remarks>
public sealed class TaskGroup : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationToken _outer;
    private readonly List<(Task Task, Task Watcher)> _members = [];
    private bool _closed;
    private Task? _disposal;

    /// <summary>Creates an empty group.</summary>
    /// <param name="cancellationToken">Cancels the whole group from outside (the customer gives up).</param>
    public TaskGroup(CancellationToken cancellationToken = default)
    {
        _outer = cancellationToken;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Token = _cancellation.Token; // kept: the source's own Token property throws once it is disposed
    }

    /// <summary>
    /// The token every task in the group receives; cancelled on the first failure, from outside, or at disposal. It
    /// stays readable after disposal, and is then cancelled: nothing may start in a group that has ended.
    /// </summary>
    public CancellationToken Token { get; }

    /// <summary>Starts <paramref name="work"/> in the group (asyncio's <c>tg.create_task</c>) and returns its task.</summary>
    /// <param name="work">The work, given the group's <see cref="Token"/>. An exception it throws, even before its first
    /// <c>await</c>, fails its task (and so cancels the group) rather than escaping from this call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The group is already waiting for its tasks or disposed.</exception>
    public Task<T> Run<T>(Func<CancellationToken, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_members)
        {
            if (_closed)
            {
                throw new InvalidOperationException("The group no longer takes tasks: WhenAllAsync or DisposeAsync has been called.");
            }

            Task<T> task = InvokeAsync(work, Token);
            _members.Add((task, WatchAsync(task)));
            return task;
        }
    }

    /// <summary>Starts <paramref name="work"/>, which has no result, in the group; see <see cref="Run{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The group is already waiting for its tasks or disposed.</exception>
    public Task Run(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Run(async token =>
        {
            await work(token).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>
    /// Waits until every task in the group has ended (the end of Python's <c>async with TaskGroup()</c> block), then
    /// reports how they ended. After this call the group takes no more tasks.
    /// </summary>
    /// <exception cref="AggregateException">One or more tasks failed: every failure, in the order the tasks were
    /// started (the tasks the group cancelled because of them are not failures).</exception>
    /// <exception cref="OperationCanceledException">The token passed to the constructor cancelled the group, and no task failed.</exception>
    public async Task WhenAllAsync()
    {
        (Task Task, Task Watcher)[] members = Close();
        await Task.WhenAll(members.Select(m => m.Watcher)).ConfigureAwait(false); // watchers never fault
        Exception[] failures = [.. members.Where(m => m.Task.IsFaulted).SelectMany(m => m.Task.Exception!.InnerExceptions)];
        if (failures.Length > 0)
        {
            throw new AggregateException($"{failures.Length} of the group's {members.Length} tasks failed.", failures);
        }

        _outer.ThrowIfCancellationRequested();
    }

    /// <summary>Cancels every task still running, waits for all of them to end, cancels <see cref="Token"/> and releases its source.</summary>
    /// <remarks>
    /// Never throws for the tasks' failures: <see cref="WhenAllAsync"/> is where they are reported. Calling it again,
    /// even while the first call is still waiting, waits for that same disposal and does nothing more.
    /// </remarks>
    public ValueTask DisposeAsync()
    {
        lock (_members)
        {
            _disposal ??= DisposeCoreAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task DisposeCoreAsync()
    {
        (Task Task, Task Watcher)[] members = Close();
        await _cancellation.CancelAsync().ConfigureAwait(false); // cancels what still runs, and ends the token's life as cancelled
        await Task.WhenAll(members.Select(m => m.Watcher)).ConfigureAwait(false);
        _cancellation.Dispose();
    }

    private (Task Task, Task Watcher)[] Close()
    {
        lock (_members)
        {
            _closed = true;
            return [.. _members];
        }
    }

    // An async wrapper, so that work which throws before its first await still ends up in its task.
    private static async Task<T> InvokeAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken token) =>
        await work(token).ConfigureAwait(false);

    // The group's one rule: a failure (not a cancellation) cancels every other task in the group.
    private async Task WatchAsync(Task task)
    {
        await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (task.IsFaulted)
        {
            await _cancellation.CancelAsync().ConfigureAwait(false);
        }
    }
}
