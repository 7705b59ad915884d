using System.Globalization;
using DeliveryTimelines;

namespace SampleSupport;

/// <summary>
/// The table of elapsed times a sample prints at its end, one row per run: its label, the story hours and real seconds
/// it took, and what the lesson expects. The samples print it and their tests read it back (<see cref="StoryHours"/>),
/// so its format lives here alone.
/// </summary>
/// <example>
/// <code>
/// run          story hours   seconds   expected
/// sequential          6.02      0.60   the sum, 6 h
/// gathered            3.01      0.30   the longest, 3 h
/// </code>
/// </example>
public sealed class SummaryTable
{
    private static readonly Lazy<TimeSpan> MeasuredTick = new(TimerProbe.MeasureTick);

    /// <summary>What the note says about warm-up unless a sample says more (<see cref="Print"/>).</summary>
    public const string JitWarmUp = "the first run also pays for JIT warm-up";

    private readonly StoryClock _clock;
    private readonly int _labelWidth;
    private readonly TimeSpan? _timerTick;
    private readonly List<(string Run, Timeline Timeline, string Expected)> _rows = [];

    /// <summary>Starts an empty table.</summary>
    /// <param name="clock">The clock the runs were timed on: it turns their elapsed time into story hours.</param>
    /// <param name="labelWidth">The width of the label column, in characters: at least the longest label's.</param>
    /// <param name="timerTick">
    /// The step of the clock the timers count in, which the note speaks of; when null, measured on this machine the
    /// first time a note is written (<see cref="TimerProbe.MeasureTick"/>, once per process: 4 ms on a Linux kernel at
    /// 250 Hz, 1 ms on macOS).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelWidth"/> is less than 3, the width of the header's "run", or <paramref name="timerTick"/> is not positive.</exception>
    public SummaryTable(StoryClock clock, int labelWidth, TimeSpan? timerTick = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(labelWidth, 3);
        if (timerTick is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(given, TimeSpan.Zero, nameof(timerTick));
        }

        _clock = clock;
        _labelWidth = labelWidth;
        _timerTick = timerTick;
    }

    /// <summary>The step of the timers' clock the note speaks of: as given, else measured on this machine.</summary>
    public TimeSpan TimerTick => _timerTick ?? MeasuredTick.Value;

    /// <summary>The rows added so far, in order.</summary>
    public IReadOnlyList<(string Run, Timeline Timeline, string Expected)> Rows => _rows;

    /// <summary>Adds the row of one run.</summary>
    /// <param name="run">The row's label; the tests find the row by it, so it must not be a prefix of another label followed by a space.</param>
    /// <param name="timeline">The run's timeline: its elapsed time is what the row shows.</param>
    /// <param name="expected">What the lesson expects, such as "the longest, 3 h".</param>
    /// <exception cref="ArgumentException"><paramref name="run"/> is empty, white space, or longer than the label column.</exception>
    public void Add(string run, Timeline timeline, string expected)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(expected);
        if (run.Length > _labelWidth)
        {
            throw new ArgumentException($"The label '{run}' is {run.Length} characters; the label column holds {_labelWidth}.", nameof(run));
        }

        _rows.Add((run, timeline, expected));
    }

    /// <summary>
    /// The note under the table: why the timings are over the ideal, and by how much that can be at this clock's
    /// scale, so a figure well over the ideal (at a small scale, or for short meals) is never left unexplained; the
    /// tick is this machine's (<see cref="TimerTick"/>), and notebook 01 tells the whole story.
    /// </summary>
    /// <param name="warmUp">What else pays for warming up; <see cref="JitWarmUp"/> unless a sample says more.</param>
    public string Note(string warmUp = JitWarmUp)
    {
        TimeSpan timerTick = TimerTick;
        double tick = _clock.ToHours(timerTick);
        double shown = Math.Round(tick, Math.Clamp(1 - (int)Math.Floor(Math.Log10(tick)), 0, 15)); // two significant digits
        return string.Create(CultureInfo.InvariantCulture,
            $"(over the ideal by up to a timer tick per wait: {timerTick.TotalMilliseconds:0.#} ms on this machine, {DeliveryTimelines.StoryHours.Format(shown)} story hours at this scale; {warmUp}; notebook 01, \"Why the hours are not exact\", tells why)");
    }

    /// <summary>Prints a blank line, the header, every row, and the <see cref="Note"/> to <see cref="Console.Out"/>.</summary>
    /// <param name="warmUp">What else pays for warming up, for the note; <see cref="JitWarmUp"/> unless a sample says more.</param>
    public void Print(string warmUp = JitWarmUp)
    {
        Console.WriteLine();
        Console.WriteLine($"{"run".PadRight(_labelWidth)} {"story hours",12} {"seconds",9}   expected");
        foreach (var (run, timeline, expected) in _rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.PadRight(_labelWidth)} {DeliveryTimelines.StoryHours.FormatMeasured(_clock.ToHours(timeline.Elapsed)),12} {timeline.Elapsed.TotalSeconds,9:F2}   {expected}"));
        }

        Console.WriteLine(Note(warmUp));
    }

    /// <summary>
    /// The story hours in <paramref name="line"/> if it is the row labelled <paramref name="run"/> (the number right
    /// after the label), or null if it is not that row.
    /// </summary>
    public static double? StoryHours(string line, string run)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        if (!line.StartsWith(run + " ", StringComparison.Ordinal))
        {
            return null;
        }

        string? first = line[run.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double hours) && double.IsFinite(hours) ? hours : null;
    }
}
