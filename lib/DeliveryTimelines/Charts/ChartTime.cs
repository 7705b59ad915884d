using System.Globalization;

namespace DeliveryTimelines;

/// <summary>
/// How a timeline figure tells time on its shared x axis: in story hours when every timeline in it is on a story
/// clock, all of one scale; in real time otherwise.
/// </summary>
/// <remarks>
/// <para>
/// Story hours are what the lessons say and print ("took 3.01 story hours"), so a chart of deliveries reads in them,
/// whatever the clock's scale; the hover text adds the real seconds, and the figure states the scale
/// (<see cref="TimelinePanelClaim.ClockNote"/>).
/// </para>
/// <para>
/// Real time is for timelines without a clock (the kitchen's CPU work, measured as it runs) and for a figure that
/// mixes them: timelines on clocks of different scales, or some on a clock and some not, share no hour, so they are
/// compared in what they do share, real time, and the figure says why (<see cref="RealTimeReason"/>) rather than
/// refusing to draw what a learner ran. Milliseconds when the longest timeline lasts under a second (a kitchen's
/// 400 ms), seconds from a second on.
/// </para>
/// </remarks>
internal sealed class ChartTime
{
    private readonly double _secondsPerUnit;

    private ChartTime(string unit, double secondsPerUnit, double? secondsPerHour, string? realTimeReason)
    {
        Unit = unit;
        _secondsPerUnit = secondsPerUnit;
        SecondsPerHour = secondsPerHour;
        RealTimeReason = realTimeReason;
    }

    /// <summary><see cref="TimelinePanelClaim.HoursUnit"/>, <see cref="TimelinePanelClaim.SecondsUnit"/> or <see cref="TimelinePanelClaim.MillisecondsUnit"/>.</summary>
    public string Unit { get; }

    /// <summary>In story hours, the clock's real seconds per hour; null in real time.</summary>
    public double? SecondsPerHour { get; }

    /// <summary>Why a figure whose timelines have story clocks is drawn in real time; null when it is not.</summary>
    public string? RealTimeReason { get; }

    /// <summary>Whether the axis is in story hours.</summary>
    public bool InStoryHours => SecondsPerHour is not null;

    /// <summary>
    /// The time of a figure of timelines on <paramref name="clocks"/> (null for one in real time), the longest lasting
    /// <paramref name="longest"/>: see the remarks on <see cref="ChartTime"/>.
    /// </summary>
    public static ChartTime For(IReadOnlyList<StoryClock?> clocks, TimeSpan longest)
    {
        if (clocks.Count > 0 && clocks.All(c => c is not null))
        {
            double[] scales = clocks.Select(c => c!.SecondsPerHour).Distinct().ToArray();
            if (scales.Length == 1)
            {
                return new ChartTime(TimelinePanelClaim.HoursUnit, scales[0], scales[0], realTimeReason: null);
            }

            return RealTime(longest, string.Create(CultureInfo.InvariantCulture,
                $"real time: the story clocks differ ({string.Join(", ", scales.Select(s => $"1 h = {StoryHours.Format(s)} s"))})"));
        }

        return RealTime(longest, clocks.Any(c => c is not null) ? "real time: not every timeline is on a story clock" : null);
    }

    private static ChartTime RealTime(TimeSpan longest, string? reason) =>
        longest < TimeSpan.FromSeconds(1)
            ? new ChartTime(TimelinePanelClaim.MillisecondsUnit, 1e-3, null, reason)
            : new ChartTime(TimelinePanelClaim.SecondsUnit, 1, null, reason);

    /// <summary><paramref name="time"/> (from a timeline's start) in this axis's unit.</summary>
    public double Of(TimeSpan time) => time.TotalSeconds / _secondsPerUnit;

    /// <summary>A value in this axis's unit as a figure writes it: to six decimals, finer than any chart shows.</summary>
    public static double Rounded(double value) => Math.Round(value, 6);

    /// <summary>A value in this axis's unit back in real seconds, as a figure writes them (for hover text in story hours).</summary>
    public double SecondsOf(double value) => Math.Round(value * _secondsPerUnit, 6);

    /// <summary>Real seconds as a figure writes them (for hover text in story hours).</summary>
    public static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 6);

    /// <summary>
    /// Hover text for a span from <paramref name="from"/> to <paramref name="to"/> (plotly.js references to values in
    /// this unit, such as <c>base</c>), adding in story hours the real seconds <paramref name="realFrom"/> to
    /// <paramref name="realTo"/> on a line of their own.
    /// </summary>
    public string Interval(string from, string to, string realFrom, string realTo) =>
        Value(from) + " → " + Value(to) + (InStoryHours ? $"<br>real time {RealValue(realFrom)} → {RealValue(realTo)}" : "");

    /// <summary>Hover text for a moment: "1.00 h (real time 0.250 s)", or "250.0 ms" in real time.</summary>
    public string Moment(string at, string realAt) =>
        Value(at) + (InStoryHours ? $" (real time {RealValue(realAt)})" : "");

    private string Value(string reference) => Unit switch
    {
        TimelinePanelClaim.HoursUnit => $"%{{{reference}:.2f}} h",
        TimelinePanelClaim.MillisecondsUnit => $"%{{{reference}:.1f}} ms",
        _ => $"%{{{reference}:.3f}} s",
    };

    private static string RealValue(string reference) => $"%{{{reference}:.3f}} s";
}
