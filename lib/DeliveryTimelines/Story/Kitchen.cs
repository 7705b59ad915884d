using System.Diagnostics;

namespace DeliveryTimelines;

/// <summary>
/// CPU-bound work for the parallelism lessons: cooking a dish is pure computation, with nothing to await.
/// </summary>
/// <remarks>
/// The work lives here, built in Release, because notebook cells compile unoptimized: the same loop in a cell would be
/// several times slower and would not compare fairly. Each dish is recorded as a <see cref="Phase.Cooking"/> span with the
/// thread that cooked it, so <see cref="TimelineChart.ThreadLanes"/> shows who ran where.
/// </remarks>
public sealed class Kitchen
{
    /// <summary>Creates a kitchen whose every dish takes <paramref name="unitsPerDish"/> units of work.</summary>
    /// <param name="timeline">Where each dish is recorded.</param>
    /// <param name="unitsPerDish">Work per dish, 1 or more; <see cref="UnitsFor"/> finds the units for a wanted duration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unitsPerDish"/> is less than 1.</exception>
    public Kitchen(Timeline timeline, int unitsPerDish)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(unitsPerDish, 1);
        Timeline = timeline;
        UnitsPerDish = unitsPerDish;
    }

    /// <summary>Where each dish is recorded.</summary>
    public Timeline Timeline { get; }

    /// <summary>Work per dish.</summary>
    public int UnitsPerDish { get; }

    /// <summary>Cooks dish number <paramref name="number"/> on the calling thread and records it; returns a checksum of the work.</summary>
    public ulong CookDish(int number)
    {
        using (Timeline.Measure($"dish {number}", Phase.Cooking))
        {
            return Cook(UnitsPerDish);
        }
    }

    /// <summary>
    /// Pure computation: <paramref name="units"/> × 1,000 rounds of an integer mix. Returns a checksum, so the JIT cannot
    /// drop the work, and the same units always give the same checksum.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is negative.</exception>
    public static ulong Cook(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ulong state = 0x9E3779B97F4A7C15UL;
        for (long i = 0, rounds = units * 1_000L; i < rounds; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state += (ulong)i;
        }

        return state;
    }

    /// <summary>
    /// Measures this machine and returns the units that take about <paramref name="target"/> on one core, so the lessons
    /// run at the same pace on a fast laptop and a slow CI machine.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not between 1 ms and 10 s.</exception>
    public static int UnitsFor(TimeSpan target)
    {
        if (target < TimeSpan.FromMilliseconds(1) || target > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A dish must take between 1 ms and 10 s.");
        }

        Cook(100); // warm up: let the JIT compile Cook fully before timing it
        const int probe = 2_000;
        var best = TimeSpan.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Cook(probe);
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            best = took < best ? took : best;
        }

        return (int)Math.Clamp(probe * (target / best), 1, int.MaxValue);
    }
}
