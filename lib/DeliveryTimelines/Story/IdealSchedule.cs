using System.Runtime.CompilerServices;

namespace DeliveryTimelines;

/// <summary>
/// How long a round of deliveries takes in theory, with no timer lateness and no overhead: the figure a lesson prints
/// beside the measured one, so the learner can tell scheduling from noise.
/// </summary>
public static class IdealSchedule
{
    /// <summary>
    /// The end of the last meal when at most <paramref name="riders"/> deliveries run at once and each next delivery, in
    /// argument order, starts as soon as a rider is free: what <c>SemaphoreSlim(riders)</c> or
    /// <c>Parallel.ForEachAsync</c> with <c>MaxDegreeOfParallelism = riders</c> achieves. Equal meals of h hours take
    /// ceil(N / riders) rounds of h.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="mealtimes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="riders"/> is less than 1, or a mealtime is negative, NaN or infinite.</exception>
    public static double Throttled(IEnumerable<double> mealtimes, int riders) => Pipeline(mealtimes, cookHours: 0, riders);

    /// <summary>
    /// The end of the last meal when a kitchen cooks the dishes one at a time, in order, <paramref name="cookHours"/>
    /// each, and every dish goes to the first free one of <paramref name="riders"/> riders as soon as it is cooked: a
    /// producer and its consumers joined by a queue (<c>asyncio.Queue</c>, <c>Channel&lt;T&gt;</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="mealtimes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="riders"/> is less than 1, or <paramref name="cookHours"/>
    /// or a mealtime is negative, NaN or infinite.</exception>
    public static double Pipeline(IEnumerable<double> mealtimes, double cookHours, int riders)
    {
        ArgumentNullException.ThrowIfNull(mealtimes);
        ArgumentOutOfRangeException.ThrowIfLessThan(riders, 1);
        ThrowIfNotStoryHours(cookHours);
        var free = new PriorityQueue<int, double>(); // riders by the time they are free again
        for (int rider = 0; rider < riders; rider++)
        {
            free.Enqueue(rider, 0);
        }

        double cooked = 0, end = 0;
        foreach (double mealtime in mealtimes)
        {
            ThrowIfNotStoryHours(mealtime, nameof(mealtimes));
            cooked += cookHours;
            free.TryDequeue(out int rider, out double freeAt);
            double done = Math.Max(freeAt, cooked) + mealtime;
            end = Math.Max(end, done);
            free.Enqueue(rider, done);
        }

        return end;
    }

    private static void ThrowIfNotStoryHours(double hours, [CallerArgumentExpression(nameof(hours))] string? paramName = null)
    {
        if (!double.IsFinite(hours) || hours < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, hours, "Story hours must be finite and zero or more.");
        }
    }
}
