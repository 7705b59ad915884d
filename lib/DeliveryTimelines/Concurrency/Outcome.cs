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
/// <para>
/// Only <see cref="Outcome.Of{T}"/> makes one. A <c>default</c> outcome (an array's empty slot, say) is none of the
/// three: it has not succeeded, has no exception and was not cancelled, and reading its <see cref="Value"/> throws.
/// </para>
/// </remarks>
public readonly record struct Outcome<T>
{
    private readonly T _value;
    private readonly TaskStatus _status; // RanToCompletion, Faulted or Canceled; default (Created) for a default outcome

    internal Outcome(T value, Exception? exception, TaskStatus status)
    {
        _value = value;
        Exception = exception;
        _status = status;
    }

    /// <summary>The exception the task failed with, or null when it succeeded or was cancelled.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether the task was cancelled (Python: <c>CancelledError</c> in the gathered list).</summary>
    public bool IsCanceled => _status == TaskStatus.Canceled;

    /// <summary>Whether the task ran to completion with a result.</summary>
    public bool Succeeded => _status == TaskStatus.RanToCompletion;

    /// <summary>The task's result.</summary>
    /// <exception cref="InvalidOperationException">The task did not succeed (the exception it failed with is the inner
    /// exception), or this is a <c>default</c> outcome, made from no task.</exception>
    public T Value => _status switch
    {
        TaskStatus.RanToCompletion => _value,
        TaskStatus.Canceled => throw new InvalidOperationException("There is no value: the task was cancelled."),
        TaskStatus.Faulted => throw new InvalidOperationException("There is no value: the task failed.", Exception),
        _ => throw new InvalidOperationException("There is no value: this outcome is default, made from no task (use Outcome.Of or Outcome.WhenAllSettled)."),
    };

    /// <summary>The result as text, or the exception's type and message, or "cancelled" (or "no outcome" for a <c>default</c> one).</summary>
    public override string ToString() => _status switch
    {
        TaskStatus.RanToCompletion => Convert.ToString(_value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
        TaskStatus.Canceled => "cancelled",
        TaskStatus.Faulted => $"{Exception!.GetType().Name}: {Exception.Message}",
        _ => "no outcome",
    };
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
            TaskStatus.RanToCompletion => new(task.Result, null, TaskStatus.RanToCompletion),
            TaskStatus.Canceled => new(default!, null, TaskStatus.Canceled),
            TaskStatus.Faulted => new(default!, Unwrap(task.Exception!), TaskStatus.Faulted),
            _ => throw new ArgumentException($"The task has not completed yet (its status is {task.Status}); await it first.", nameof(task)),
        };
    }

    // A task's exception is an AggregateException around what the method threw; a single inner one is the real failure.
    private static Exception Unwrap(AggregateException e) => e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
}
