using System.Globalization;

namespace DeliveryTimelines;

/// <summary>
/// The one way the course writes a number of story hours: in mealtimes ("took 1.5 h"), sums and deadlines worked out
/// from them, failures ("after 0.075 h") and measured times ("[t= 3.01 h]"), in the library, the samples and their tables.
/// </summary>
/// <remarks>
/// <para>
/// Hours a person chose, or worked out from such hours, are written with <see cref="Format(double)"/>: as they were
/// typed, however small (0.001 stays 0.001, never "0"), and without the noise of binary fractions (0.1 + 0.2 is
/// 0.30000000000000004 in a <see cref="double"/>, and is written 0.3). The rule: rounded to
/// <see cref="SignificantDigits"/> significant digits, which keeps every digit a person types and drops the last few
/// bits that sums and products disturb; written out in plain decimals from 1e-9 to 1e15 hours (outside that range,
/// meaningless for a story, in exponent notation such as 1E+308); and 0 whatever its sign, never "-0".
/// </para>
/// <para>
/// Measured times are written with <see cref="FormatMeasured"/>: a fixed number of decimals (two unless told otherwise:
/// a hundredth of an hour, finer than the timers at the course's clock scales), never "-0.00". It has a name of its
/// own, so <c>values.Select(StoryHours.Format)</c> stays unambiguous.
/// </para>
/// <para>Every number is written in the invariant culture (1.5, never 1,5), as the Python originals write it.</para>
/// </remarks>
public static class StoryHours
{
    /// <summary>How many significant digits <see cref="Format(double)"/> keeps: more than anyone types, fewer than the 15–17 where a double's rounding shows.</summary>
    public const int SignificantDigits = 12;

    private const double SmallestPlain = 1e-9, LargestPlain = 1e15;

    /// <summary>
    /// Writes <paramref name="hours"/>, a number of story hours someone chose or worked out, as short as it can be
    /// without losing a typed digit: 1.5, 0.001, 0.3 (for 0.1 + 0.2), 0 (for -0). See the remarks on <see cref="StoryHours"/>.
    /// </summary>
    /// <param name="hours">Any number; NaN and infinities are written as .NET writes them ("NaN", "Infinity").</param>
    public static string Format(double hours)
    {
        if (hours == 0)
        {
            return "0"; // -0 too: a sign on nothing only confuses
        }

        if (!double.IsFinite(hours))
        {
            return hours.ToString(CultureInfo.InvariantCulture);
        }

        double rounded = double.Parse(hours.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        double size = Math.Abs(rounded);
        return size is >= SmallestPlain and < LargestPlain
            ? ((decimal)rounded).ToString(CultureInfo.InvariantCulture) // plain decimals: 0.000025, never 2.5E-05
            : rounded.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes a measured number of story hours with <paramref name="decimals"/> decimals: 3.01, 0.00, never -0.00. A
    /// measurement is only as fine as the timers that made it, so it gets a fixed precision instead of
    /// <see cref="Format(double)"/>'s every digit.
    /// </summary>
    /// <param name="hours">The measured hours.</param>
    /// <param name="decimals">How many decimals, 0 to 6; 2 (a hundredth of an hour) when not given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is outside 0 to 6.</exception>
    public static string FormatMeasured(double hours, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        if (!double.IsFinite(hours))
        {
            return hours.ToString(CultureInfo.InvariantCulture);
        }

        // Rounded first, so a tiny negative (-0.001 at two decimals) becomes 0 and prints without its sign.
        double rounded = Math.Round(hours, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
