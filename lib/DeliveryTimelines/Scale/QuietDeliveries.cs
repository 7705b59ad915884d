namespace DeliveryTimelines;

/// <summary>
/// Deliveries with nothing printed and nothing recorded, for the gather at scale: each only waits out its meal and
/// returns the mealtime, so what is measured is the waiting itself (a <see cref="Courier"/> line and timeline events
/// per delivery would dwarf it at a million deliveries).
/// </summary>
/// <remarks>
/// The same code runs on either kind of <see cref="StoryClock"/>: one <c>Task.Delay</c> per delivery, or
/// <see cref="StoryClock.WithSharedTimers"/>; the benchmark and lesson 08 compare exactly that difference.
/// </remarks>
public static class QuietDeliveries
{
    /// <summary>
    /// One quiet delivery: <c>async def delivery(mealtime): await asyncio.sleep(mealtime); return mealtime</c>.
    /// </summary>
    /// <remarks>
    /// Arguments are checked at the call, as <see cref="Courier.DeliverAsync"/> does. The waiting is started here and
    /// only the awaiting is an async method, so each pending delivery's state machine holds just the meal's task and
    /// the mealtime: at a million pending deliveries every field counts.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mealtime"/> is not valid on the clock.</exception>
    /// <exception cref="OperationCanceledException">(in the task) <paramref name="cancellationToken"/> was cancelled during the meal.</exception>
    public static Task<double> DeliverAsync(StoryClock clock, double mealtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ReturnAfter(clock.WaitAsync(mealtime, cancellationToken), mealtime);
    }

    /// <summary>The async part of a quiet delivery: awaits the meal, then returns its mealtime (its box is what <see cref="PendingBytes"/> weighs).</summary>
    internal static async Task<double> ReturnAfter(Task meal, double mealtime)
    {
        // No context to come back to: a quiet delivery touches nothing that needs one, and resuming in place is cheapest.
        await meal.ConfigureAwait(false);
        return mealtime;
    }

    /// <summary>
    /// Gathers <paramref name="count"/> quiet deliveries with <see cref="Task.WhenAll{TResult}(Task{TResult}[])"/>;
    /// delivery <c>i</c> eats <c>mealtimes[i % mealtimes.Count]</c> hours. Results come back in delivery order.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="mealtimes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or a mealtime is not valid on the clock.</exception>
    /// <exception cref="ArgumentException"><paramref name="mealtimes"/> is empty.</exception>
    public static Task<double[]> GatherAsync(StoryClock clock, int count, IReadOnlyList<double> mealtimes, CancellationToken cancellationToken = default)
    {
        ThrowIfBadGather(clock, count, mealtimes);
        var deliveries = new Task<double>[count];
        for (int i = 0; i < count; i++)
        {
            deliveries[i] = DeliverAsync(clock, mealtimes[i % mealtimes.Count], cancellationToken);
        }

        return Task.WhenAll(deliveries);
    }

    /// <summary>
    /// Gathers <paramref name="count"/> quiet deliveries (as <see cref="GatherAsync"/>) and measures what it cost: the
    /// time above the ideal (the longest meal), the bytes allocated per delivery, and the timers pending while they ate.
    /// </summary>
    /// <remarks>
    /// One home for the measurement lesson 08, its sample and the README's picture all make. Time comes from the clock's
    /// <see cref="StoryClock.TimeProvider"/>; bytes from <see cref="GC.GetTotalAllocatedBytes(bool)"/> after a full
    /// collection, so they include everything allocated in the process meanwhile (run nothing else at the same time).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="mealtimes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or a mealtime is not valid on the clock.</exception>
    /// <exception cref="ArgumentException"><paramref name="mealtimes"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">(in the task) the gather returned a result per delivery other than its mealtime.</exception>
    public static Task<GatherCost> MeasureAsync(StoryClock clock, int count, IReadOnlyList<double> mealtimes)
    {
        ThrowIfBadGather(clock, count, mealtimes);
        return MeasureCoreAsync(clock, count, mealtimes);
    }

    private static async Task<GatherCost> MeasureCoreAsync(StoryClock clock, int count, IReadOnlyList<double> mealtimes)
    {
        GC.Collect();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = clock.TimeProvider.GetTimestamp();
        Task<double[]> gather = GatherAsync(clock, count, mealtimes);
        int timers = clock.Timers?.PendingTimers ?? count; // Task.Delay: one timer per delivery
        double[] results = await gather.ConfigureAwait(false);
        TimeSpan wall = clock.TimeProvider.GetElapsedTime(start);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        for (int i = 0; i < count; i++)
        {
            if (results[i] != mealtimes[i % mealtimes.Count])
            {
                throw new InvalidOperationException($"Delivery {i} returned {results[i]}, not its mealtime {mealtimes[i % mealtimes.Count]}: a result was lost or misplaced.");
            }
        }

        return new GatherCost(count, wall, wall - clock.ToRealTime(mealtimes.Max()), count == 0 ? 0 : (double)allocated / count, timers);
    }

    // The checks GatherAsync and MeasureAsync share, made at the call, before anything starts.
    private static void ThrowIfBadGather(StoryClock clock, int count, IReadOnlyList<double> mealtimes)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(mealtimes);
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of deliveries must be 0 or more; got {count}.");
        }

        if (mealtimes.Count == 0)
        {
            throw new ArgumentException("At least one mealtime is needed (delivery i eats mealtimes[i % count]); got none.", nameof(mealtimes));
        }

        foreach (double mealtime in mealtimes)
        {
            clock.ThrowIfOutOfRange(mealtime, nameof(mealtimes));
        }
    }
}
