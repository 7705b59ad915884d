using System.Diagnostics;
using System.Reflection;

namespace DeliveryTimelines;

/// <summary>
/// What one pending quiet delivery allocates, piece by piece, as measured by <see cref="PendingBytes.MeasureAsync"/>:
/// bytes per delivery, each the average over many.
/// </summary>
/// <param name="Box">The pending async method itself (<c>QuietDeliveries</c>' awaiting part, which awaits its own
/// pending meal): one object, its state machine box, which <em>is</em> the <c>Task&lt;double&gt;</c> the call returns
/// (it derives from it) and holds the state machine's fields; in a Debug build the state machine is a second object
/// (see <see cref="PendingBytes.LibraryIsOptimized"/>).</param>
/// <param name="SharedTaskEntry">What awaiting one task shared by every delivery adds to <paramref name="Box"/>: the
/// delivery's entry in the shared task's list of continuations, with that list's growth spread over the deliveries.
/// This is how deliveries wait with shared timers.</param>
/// <param name="Delay">One <c>Task.Delay</c>: its promise (a task) and its timer.</param>
/// <param name="QuietDelivery">One <see cref="QuietDeliveries.DeliverAsync"/> on a plain clock: a
/// <c>Task.Delay</c> and the box that awaits it.</param>
/// <param name="WhenAllPending">What <c>Task.WhenAll</c> over the deliveries holds per delivery while they are
/// pending: its copy of the array of tasks (its own promise is shared by all, a few dozen bytes in total).</param>
/// <param name="WhenAllResult">What <c>Task.WhenAll</c> allocates per delivery when the last one ends: the array of
/// results, one <c>double</c> each.</param>
/// <param name="Deliveries">How many deliveries each figure was averaged over.</param>
public readonly record struct PendingDeliveryBytes(double Box, double SharedTaskEntry, double Delay, double QuietDelivery,
    double WhenAllPending, double WhenAllResult, int Deliveries)
{
    /// <summary>A delivery gathered with its own <c>Task.Delay</c>: the quiet delivery and its share of <c>WhenAll</c>, results included.</summary>
    public double GatheredWithDelay => QuietDelivery + WhenAllPending + WhenAllResult;

    /// <summary>A delivery gathered on shared timers: its box, its entry in the shared task, and its share of <c>WhenAll</c>, results included (the shared timers themselves are a few for all).</summary>
    public double GatheredWithSharedTimers => Box + SharedTaskEntry + WhenAllPending + WhenAllResult;
}

/// <summary>
/// Weighs a pending delivery: the bytes each piece of a quiet delivery allocates, so lesson 08 can say what a pending
/// delivery costs with one set of figures, each measured, and say exactly what each one counts.
/// </summary>
/// <remarks>
/// Bytes are counted with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around calls made one after another on
/// one thread. An async method runs on the caller's thread up to its first await of something pending, and that is
/// where its box is allocated, so the count is exact for these calls and sees nothing other threads allocate. Every
/// path runs once before it is measured (the first call of a method pays for the JIT), and every delivery started is
/// finished before the measurement returns: nothing is left pending.
/// </remarks>
public static class PendingBytes
{
    /// <summary>How long the measured <c>Task.Delay</c>s wait: long enough to outlast the calls, short enough to end at once.</summary>
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Whether this library was compiled optimized (Release), as the notebooks load it. A program that references its
    /// project, such as a sample run with <c>dotnet run</c>, builds it in Debug: then every async method's state machine
    /// is a class, an object of its own beside the box, and <see cref="PendingDeliveryBytes.Box"/> weighs both.
    /// </summary>
    public static bool LibraryIsOptimized { get; } =
        typeof(PendingBytes).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    /// <summary>Weighs each piece of a pending quiet delivery, averaged over <paramref name="deliveries"/> calls.</summary>
    /// <param name="deliveries">Calls per figure: 100 to 1,000,000 (more calls, finer averages).</param>
    /// <returns>The bytes per delivery of each piece.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deliveries"/> is outside 100 to 1,000,000.</exception>
    public static Task<PendingDeliveryBytes> MeasureAsync(int deliveries = 10_000)
    {
        ThrowIfBadCount(deliveries, nameof(deliveries));
        return MeasureCoreAsync(deliveries);
    }

    /// <summary>
    /// The bytes one call of <paramref name="awaitsTheMeal"/> allocates when the task it is given is still pending: the
    /// cost of a pending async method, such as one written in a notebook cell (compiled unoptimized).
    /// </summary>
    /// <param name="awaitsTheMeal">An async method that awaits the task it is given, then returns a number.</param>
    /// <param name="calls">How many calls to average over: 100 to 1,000,000.</param>
    /// <exception cref="ArgumentNullException"><paramref name="awaitsTheMeal"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calls"/> is outside 100 to 1,000,000.</exception>
    /// <exception cref="InvalidOperationException">(in the task) the method did not wait for the task it was given.</exception>
    public static Task<double> OfPendingCallAsync(Func<Task, Task<double>> awaitsTheMeal, int calls = 10_000)
    {
        ArgumentNullException.ThrowIfNull(awaitsTheMeal);
        ThrowIfBadCount(calls, nameof(calls));
        return OfPendingCallCoreAsync(awaitsTheMeal, calls);
    }

    private static async Task<PendingDeliveryBytes> MeasureCoreAsync(int n)
    {
        // Warm-up: every path once, so that no figure includes the JIT's or a first call's one-off allocations.
        await WeighAsync(100).ConfigureAwait(false);
        return await WeighAsync(n).ConfigureAwait(false);
    }

    private static async Task<PendingDeliveryBytes> WeighAsync(int n)
    {
        // The box, each awaiting its own pending meal; then WhenAll over the boxes, pending and completed.
        var meals = Pending(n);
        var boxes = new Task<double>[n];
        double box = PerCall(n, i => boxes[i] = QuietDeliveries.ReturnAfter(meals[i].Task, 1));
        Task<double[]> all = null!;
        double whenAllPending = PerCall(1, _ => all = Task.WhenAll(boxes)) / n;
        double whenAllResult = PerCall(n, i => meals[i].SetResult()); // continuations run inline: the last one allocates WhenAll's results
        await all.ConfigureAwait(false);

        // The box again, every delivery awaiting one shared pending task.
        var shared = new TaskCompletionSource();
        double sharedBox = PerCall(n, i => boxes[i] = QuietDeliveries.ReturnAfter(shared.Task, 1));
        shared.SetResult();
        await Task.WhenAll(boxes).ConfigureAwait(false);

        // A Task.Delay, and a whole quiet delivery on a plain clock (a Task.Delay and its box).
        var delays = new Task[n];
        double delay = PerCall(n, i => delays[i] = Task.Delay(ShortWait));
        var clock = new StoryClock(1.0);
        double hours = clock.ToHours(ShortWait);
        double quiet = PerCall(n, i => boxes[i] = QuietDeliveries.DeliverAsync(clock, hours));
        await Task.WhenAll(delays).ConfigureAwait(false);
        await Task.WhenAll(boxes).ConfigureAwait(false);

        return new PendingDeliveryBytes(box, sharedBox - box, delay, quiet, whenAllPending, whenAllResult, n);
    }

    private static async Task<double> OfPendingCallCoreAsync(Func<Task, Task<double>> awaitsTheMeal, int calls)
    {
        var meals = Pending(calls);
        var pending = new Task<double>[calls];
        _ = PerCall(1, _ => pending[0] = awaitsTheMeal(meals[0].Task)); // warm-up: the first call pays for the JIT
        double bytes = PerCall(calls - 1, i => pending[i + 1] = awaitsTheMeal(meals[i + 1].Task));
        if (pending.Any(p => p.IsCompleted))
        {
            throw new InvalidOperationException("The method completed without waiting for the task it was given, so nothing pending was weighed.");
        }

        foreach (var meal in meals)
        {
            meal.SetResult();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        return bytes;
    }

    private static TaskCompletionSource[] Pending(int n)
    {
        var meals = new TaskCompletionSource[n];
        for (int i = 0; i < n; i++)
        {
            meals[i] = new TaskCompletionSource();
        }

        return meals;
    }

    /// <summary>Bytes allocated on this thread per call of <paramref name="call"/>, for i from 0 to <paramref name="count"/> - 1.</summary>
    private static double PerCall(int count, Action<int> call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            call(i);
        }

        return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / count;
    }

    private static void ThrowIfBadCount(int count, string name)
    {
        if (count is < 100 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(name, count, $"Average over 100 to 1,000,000 calls; got {count}.");
        }
    }
}
