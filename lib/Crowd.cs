namespace DeliveryTimelines;

/// <summary>
/// The seed's gather at scale: many deliveries that only wait out their meal and return the mealtime, with nothing
/// printed and nothing recorded, so what is measured is the waiting itself (a <see cref="Courier"/> line and timeline
/// events per delivery would dwarf it at a million deliveries).
/// </summary>
/// <remarks>
/// The same code runs on either kind of <see cref="StoryClock"/>: one <c>Task.Delay</c> per delivery, or
/// <see cref="StoryClock.WithSharedTimers"/>; the benchmark and lesson 07 compare exactly that difference.
/// </remarks>
public static class Crowd
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

    private static async Task<double> ReturnAfter(Task meal, double mealtime)
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
            clock.ToRealTime(mealtime, nameof(mealtimes));
        }

        var deliveries = new Task<double>[count];
        for (int i = 0; i < count; i++)
        {
            deliveries[i] = DeliverAsync(clock, mealtimes[i % mealtimes.Count], cancellationToken);
        }

        return Task.WhenAll(deliveries);
    }
}
