using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace DeliveryTimelines;

/// <summary>
/// Checks the values of a lesson's parameters cell where they are set, so that a bad one fails at once with a report
/// that names it, instead of after the other meals have been waited out, with a message about a library argument.
/// </summary>
/// <remarks>
/// <para>
/// Each check returns quietly when the value is allowed and otherwise throws a <see cref="BadParameterException"/>
/// whose one-line message names the customer or variable, the field, the value and what is allowed, for example
/// <c>B's mealtime is -2 h: a mealtime must be a finite number of story hours, 0 or more.</c> The first bad value
/// found is reported. Variables are named by the expression the caller passed
/// (<see cref="CallerArgumentExpressionAttribute"/>), so <c>Parameters.CheckCount(riders, 1, 10)</c> reports
/// <c>riders</c>.
/// </para>
/// <para>
/// The rules are the library's own: the clock scale is the range <see cref="StoryClock.MinSecondsPerHour"/> to
/// <see cref="StoryClock.MaxSecondsPerHour"/>, and an hours value must be a wait the story clock can make
/// (<see cref="StoryClock.ThrowIfOutOfRange"/>). The checks run in time proportional to the number of values and start
/// nothing.
/// </para>
/// </remarks>
/// <example>
/// The end of a parameters cell:
/// <code>
/// var deliveries = new (string Name, double Mealtime)[] { ("A", 1), ("B", 2), ("C", 3) };
/// var secondsPerHour = 1.0;
/// var riders = 2;
/// Parameters.Check(deliveries, secondsPerHour);
/// Parameters.CheckCount(riders, 1, 10);
/// </code>
/// </example>
[StackTraceHidden]
public static class Parameters
{
    /// <summary>
    /// Checks the story's parameters: the clock scale, and every delivery's name and mealtime on that clock. Names must
    /// be non-blank and distinct (each is a row of the charts); mealtimes finite, 0 or more, and short enough for the
    /// clock to wait; at least one delivery.
    /// </summary>
    /// <param name="deliveries">The customers and their mealtimes in story hours, as in every lesson's parameters cell.</param>
    /// <param name="secondsPerHour">Real seconds per story hour.</param>
    /// <param name="deliveriesName">The caller's expression for <paramref name="deliveries"/>; filled in by the compiler.</param>
    /// <exception cref="BadParameterException">A value is not allowed; the message says which and why.</exception>
    public static void Check(
        IReadOnlyList<(string Name, double Mealtime)> deliveries,
        double secondsPerHour,
        [CallerArgumentExpression(nameof(deliveries))] string? deliveriesName = null)
    {
        deliveriesName ??= nameof(deliveries);
        CheckScale(secondsPerHour);
        if (deliveries is null || deliveries.Count == 0)
        {
            throw new BadParameterException(
                $"{deliveriesName} is {(deliveries is null ? "null" : "empty")}: the story needs at least one customer, such as (\"A\", 1).",
                deliveriesName);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < deliveries.Count; i++)
        {
            (string name, double mealtime) = deliveries[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new BadParameterException(
                    Invariant($"{deliveriesName}[{i}] has no name (its mealtime is {mealtime} h): every customer needs a name, such as \"{Customers.Name(i)}\"."),
                    deliveriesName);
            }

            if (seen.TryGetValue(name, out int first))
            {
                throw new BadParameterException(
                    Invariant($"\"{name}\" is in {deliveriesName} twice (at {first} and {i}): customer names must be distinct, since each one names its own row of the charts."),
                    deliveriesName);
            }

            seen.Add(name, i);
            CheckWait(mealtime, secondsPerHour, allowZero: true, $"{name}'s mealtime", "a mealtime", deliveriesName);
        }
    }

    /// <summary>
    /// Checks a clock scale: real seconds per story hour, from <see cref="StoryClock.MinSecondsPerHour"/> to
    /// <see cref="StoryClock.MaxSecondsPerHour"/>.
    /// </summary>
    /// <param name="secondsPerHour">The scale to check.</param>
    /// <param name="name">The caller's expression for <paramref name="secondsPerHour"/>; filled in by the compiler.</param>
    /// <exception cref="BadParameterException">The scale is outside the range, or not a number.</exception>
    public static void CheckScale(double secondsPerHour, [CallerArgumentExpression(nameof(secondsPerHour))] string? name = null)
    {
        name ??= nameof(secondsPerHour);
        if (!(secondsPerHour >= StoryClock.MinSecondsPerHour && secondsPerHour <= StoryClock.MaxSecondsPerHour))
        {
            throw new BadParameterException(
                Invariant($"{name} is {secondsPerHour}: the clock scale must be from {StoryClock.MinSecondsPerHour} to {StoryClock.MaxSecondsPerHour} real seconds per story hour."),
                name);
        }
    }

    /// <summary>
    /// Checks a number of story hours (a timeout, a cooking time, a heartbeat): finite, 0 or more (or more than 0), and
    /// short enough for the clock to wait at <paramref name="secondsPerHour"/>.
    /// </summary>
    /// <param name="hours">The story hours to check.</param>
    /// <param name="secondsPerHour">The clock scale the hours will be waited at.</param>
    /// <param name="allowZero">False when 0 hours makes no sense, such as the interval of something repeated.</param>
    /// <param name="name">The caller's expression for <paramref name="hours"/>; filled in by the compiler.</param>
    /// <exception cref="BadParameterException"><paramref name="secondsPerHour"/> or <paramref name="hours"/> is not allowed.</exception>
    public static void CheckHours(double hours, double secondsPerHour, bool allowZero = true, [CallerArgumentExpression(nameof(hours))] string? name = null)
    {
        name ??= nameof(hours);
        CheckScale(secondsPerHour);
        CheckWait(hours, secondsPerHour, allowZero, name, "it", name);
    }

    /// <summary>Checks a count (riders, requests, dishes): a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="count">The count to check.</param>
    /// <param name="min">The smallest count allowed.</param>
    /// <param name="max">The largest count allowed: the most the lesson can show in reasonable time.</param>
    /// <param name="name">The caller's expression for <paramref name="count"/>; filled in by the compiler.</param>
    /// <exception cref="BadParameterException"><paramref name="count"/> is outside the range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than <paramref name="min"/> (a mistake in the lesson, not in the value).</exception>
    public static void CheckCount(int count, int min, int max, [CallerArgumentExpression(nameof(count))] string? name = null)
    {
        name ??= nameof(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        if (count < min || count > max)
        {
            throw new BadParameterException(Invariant($"{name} is {count:N0}: it must be a whole number from {min:N0} to {max:N0}."), name);
        }
    }

    /// <summary>Checks a list of counts (sizes to sweep): at least one, each a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="counts">The counts to check.</param>
    /// <param name="min">The smallest count allowed.</param>
    /// <param name="max">The largest count allowed.</param>
    /// <param name="name">The caller's expression for <paramref name="counts"/>; filled in by the compiler.</param>
    /// <exception cref="BadParameterException"><paramref name="counts"/> is null or empty, or one of them is outside the range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than <paramref name="min"/> (a mistake in the lesson, not in the value).</exception>
    public static void CheckCounts(IReadOnlyList<int> counts, int min, int max, [CallerArgumentExpression(nameof(counts))] string? name = null)
    {
        name ??= nameof(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        if (counts is null || counts.Count == 0)
        {
            throw new BadParameterException(
                Invariant($"{name} is {(counts is null ? "null" : "empty")}: it needs at least one whole number from {min:N0} to {max:N0}."), name);
        }

        for (int i = 0; i < counts.Count; i++)
        {
            if (counts[i] < min || counts[i] > max)
            {
                throw new BadParameterException(
                    Invariant($"{name}[{i}] is {counts[i]:N0}: each must be a whole number from {min:N0} to {max:N0}."), name);
            }
        }
    }

    // what: how the report names the value ("B's mealtime"); rule: how it names the rule's subject ("a mealtime", "it").
    private static void CheckWait(double hours, double secondsPerHour, bool allowZero, string what, string rule, string paramName)
    {
        if (!double.IsFinite(hours) || hours < 0 || (!allowZero && hours == 0))
        {
            throw new BadParameterException(
                Invariant($"{what} is {hours} h: {rule} must be a finite number of story hours, {(allowZero ? "0 or more" : "greater than 0")}."),
                paramName);
        }

        try
        {
            new StoryClock(secondsPerHour).ThrowIfOutOfRange(hours, paramName); // the clock's own rule for how long it can wait
        }
        catch (ArgumentOutOfRangeException tooLong)
        {
            throw new BadParameterException(
                Invariant($"{what} is {hours} h: at {secondsPerHour} s per story hour that is longer than the longest wait .NET allows ({StoryClock.MaxRealDelay.TotalDays:F1} days)."),
                paramName, tooLong);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
