using DeliveryTimelines;
using SampleSupport;
using Xunit;

namespace Samples.Tests;

/// <summary>The samples' summary table: what it prints is what its reader reads back.</summary>
public sealed class SummaryTableTests
{
    [Fact]
    public void Each_row_prints_its_story_hours_and_seconds_and_reads_back()
    {
        var clock = new StoryClock(0.5);
        var sequential = new Timeline("sequential");
        sequential.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        var gathered = new Timeline("gathered");
        gathered.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(1.5));
        var table = new SummaryTable(clock, labelWidth: 12, timerTick: TimeSpan.FromMilliseconds(4));
        table.Add("sequential", sequential, "the sum, 6 h");
        table.Add("gathered", gathered, "the longest, 3 h");

        string[] lines = Printed(() => table.Print());

        Assert.Equal(
        [
            "",
            "run           story hours   seconds   expected",
            "sequential           6.00      3.00   the sum, 6 h",
            "gathered             3.00      1.50   the longest, 3 h",
            "(over the ideal by up to a timer tick per wait: 4 ms on this machine, 0.008 story hours at this scale; the first run also pays for JIT warm-up; notebook 01, \"Why the hours are not exact\", tells why)",
        ], lines);
        Assert.Equal(6.0, lines.Select(l => SummaryTable.StoryHours(l, "sequential")).OfType<double>().Single());
        Assert.Equal(3.0, lines.Select(l => SummaryTable.StoryHours(l, "gathered")).OfType<double>().Single());
        Assert.Empty(lines.Select(l => SummaryTable.StoryHours(l, "run")).OfType<double>()); // the header is no row
    }

    [Theory]
    [InlineData(0.02, "0.2")]
    [InlineData(0.1, "0.04")]
    [InlineData(0.3, "0.013")]
    [InlineData(1.0, "0.004")]
    [InlineData(3600.0, "0.0000011")]
    public void The_note_says_how_many_story_hours_a_timer_tick_is_at_the_tables_scale(double secondsPerHour, string tick)
    {
        var table = new SummaryTable(new StoryClock(secondsPerHour), labelWidth: 5, timerTick: TimeSpan.FromMilliseconds(4));

        Assert.Contains($": 4 ms on this machine, {tick} story hours at this scale;", table.Note(), StringComparison.Ordinal);
        Assert.Contains("; the first request also pays for warm-up;", table.Note("the first request also pays for warm-up"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_tick_given_the_note_speaks_of_the_tick_measured_on_this_machine()
    {
        var table = new SummaryTable(new StoryClock(1), labelWidth: 5);
        TimeSpan measured = TimerProbe.MeasureTick();

        Assert.Equal(measured, table.TimerTick);
        Assert.InRange(table.TimerTick, TimeSpan.FromMilliseconds(0.1), TimeSpan.FromMilliseconds(200));
        Assert.Contains($"per wait: {measured.TotalMilliseconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} ms on this machine,", table.Note(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("timerTick", () => new SummaryTable(new StoryClock(1), labelWidth: 5, timerTick: TimeSpan.Zero));
    }

    [Fact]
    public void A_short_measured_time_prints_as_hundredths_and_never_as_minus_zero()
    {
        var clock = new StoryClock(1);
        var instant = new Timeline("instant");
        instant.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromMilliseconds(4));
        var table = new SummaryTable(clock, labelWidth: 7);
        table.Add("instant", instant, "0.001 h");

        Assert.Contains("instant         0.00      0.00   0.001 h", Printed(() => table.Print()));
    }

    [Fact]
    public void A_label_wider_than_its_column_is_refused_naming_it()
    {
        var table = new SummaryTable(new StoryClock(1), labelWidth: 5);

        var error = Assert.Throws<ArgumentException>(() => table.Add("sequential", new Timeline(), "the sum"));

        Assert.Equal("run", error.ParamName);
        Assert.Contains("'sequential' is 10 characters; the label column holds 5", error.Message, StringComparison.Ordinal);
    }

    private static string[] Printed(Action print)
    {
        TextWriter before = Console.Out;
        using var captured = new StringWriter { NewLine = "\n" };
        Console.SetOut(captured);
        try
        {
            print();
        }
        finally
        {
            Console.SetOut(before);
        }

        return captured.ToString().Split('\n')[..^1];
    }
}
