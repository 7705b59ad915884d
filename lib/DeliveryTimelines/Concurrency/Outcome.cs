namespace DeliveryTimelines;

/// <summary>
/// What one task ended with: its result, or the exception it failed with, or its cancellation. An array of these is
/// Python's <c>asyncio.gather(..., return_exceptions=True)</c>: every outcome, in argument order, none lost.
/// </summary>
/// <typeparam name="T">The task's result type.</typeparam>
/// <remarks>
/// <c>await Task.WhenAll(...)</c> throws only the first exception, and a caller that catches it learns nothing of the
/// others. Reading each task after they have all ended loses nothing; <see cref="Outcome.WhenAllSettled{T}"/> does
/// that and returns one of these per task.
/// </remarks>
public readonly record struct Outcome<T>
{
    private readonly T _value;

    internal Outcome(T value, Exception? exception, bool cancelled)
    {
        _value = value;
        Exception = exception;
        IsCanceled = cancelled;
    }

    /// <summary>The exception the task failed with, or null when it succeeded or was cancelled.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether the task was cancelled (Python: <c>CancelledError</c> in the gathered list).</summary>
    public bool IsCanceled { get; }

    /// <summary>Whether the task ran to completion with a result.</summary>
    public bool Succeeded => Exception is null && !IsCanceled;

    /// <summary>The task's result.</summary>
    /// <exception cref="InvalidOperationException">The task did not succeed; the exception it failed with is the inner exception.</exception>
    public T Value => Succeeded
        ? _value
        : throw new InvalidOperationException($"There is no value: the task {(IsCanceled ? "was cancelled" : "failed")}.", Exception);

    /// <summary>The result as text, or the exception's type and message, or "cancelled".</summary>
    public override string ToString() =>
        Succeeded ? Convert.ToString(_value, System.Globalization.CultureInfo.InvariantCulture) ?? "null"
        : IsCanceled ? "cancelled"
        : $"{Exception!.GetType().Name}: {Exception.Message}";

}

/// <summary>Creates <see cref="Outcome{T}"/>s.</summary>
public static class Outcome
{
    /// <summary>
    /// Waits until every task has ended, however it ended, and returns each one's outcome in argument order: the C#
    /// <c>asyncio.gather(*tasks, return_exceptions=True)</c>. Never throws for the tasks' own failures.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tasks"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tasks"/> contains a null task.</exception>
    public static async Task<Outcome<T>[]> WhenAllSettled<T>(IEnumerable<Task<T>> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Task<T>[] all = [.. tasks];
        int missing = Array.IndexOf(all, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"The task at index {missing} is null; every element must be a task.", nameof(tasks));
        }

        // Wait for all without throwing: the failures are read from each task below, so none is lost.
        await ((Task)Task.WhenAll(all)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return [.. all.Select(Of)];
    }

    /// <summary>The outcome of a completed task.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="task"/> has not completed yet.</exception>
    public static Outcome<T> Of<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status switch
        {
            TaskStatus.RanToCompletion => new(task.Result, null, cancelled: false),
            TaskStatus.Canceled => new(default!, null, cancelled: true),
            TaskStatus.Faulted => new(default!, Unwrap(task.Exception!), cancelled: false),
            _ => throw new ArgumentException($"The task has not completed yet (its status is {task.Status}); await it first.", nameof(task)),
        };
    }

    // A task's exception is an AggregateException around what the method threw; a single inner one is the real failure.
    private static Exception Unwrap(AggregateException e) => e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
}
