using DeliveryTimelines;
using SampleSupport;
using Xunit;

namespace Samples.Tests;

public sealed class TerminalProgressTests
{
    private const string Csi = "\u001b[";
    private static readonly (string Name, double Mealtime)[] Deliveries = [("A", 1), ("B", 2)];

    [Fact]
    public void A_row_is_a_padded_name_a_bar_filled_to_the_fraction_a_percentage_and_the_state()
    {
        Assert.Equal("A    [████████████············]  50%  eating", TerminalProgress.Row("A", 0.5, "eating"));
        Assert.Equal("B    [························]   0%  waiting", TerminalProgress.Row("B", -1, "waiting"));
        Assert.Equal("C    [████████████████████████] 100%  done", TerminalProgress.Row("C", 7, "done"));
        Assert.Equal("D    [························]   0%  ?", TerminalProgress.Row("D", double.NaN, "?"));
    }

    [Fact]
    public void Rows_follow_the_timeline_meals_in_progress_included()
    {
        var time = new ManualTime();
        var clock = new StoryClock(2, time); // 2 s per story hour
        var timeline = new Timeline("t", time);
        using var progress = new TerminalProgress([("A", 1), ("B", 2), ("C", 1), ("D", 3), ("E", 1)], clock, new StringWriter(), interactive: false);

        timeline.Mark("A", Phase.Delivering);
        Timeline.OpenSpan a = timeline.Begin("A", Phase.Eating);
        timeline.Mark("B", Phase.Delivering);
        using Timeline.OpenSpan b = timeline.Begin("B", Phase.Eating);
        timeline.Mark("C", Phase.Delivering);
        Timeline.OpenSpan c = timeline.Begin("C", Phase.Eating);
        timeline.Mark("D", Phase.Delivering);
        time.Advance(TimeSpan.FromSeconds(1)); // half a story hour
        c.End();
        timeline.Mark("C", Phase.Failed);
        time.Advance(TimeSpan.FromSeconds(1));
        a.End();
        timeline.Mark("A", Phase.Collecting);
        progress.Update(timeline);

        Assert.Equal(
        [
            "A [████████████████████████] 100%  done, 1 h",
            "B [████████████············]  50%  eating, 1 of 2 h",
            "C [████████████············]  50%  failed after 0.5 h",
            "D [························]   0%  delivered",
            "E [························]   0%  waiting",
        ], progress.Rows);
    }

    [Fact]
    public async Task Redirected_it_writes_plain_log_lines_then_each_row_once_and_no_escape_sequence()
    {
        var output = new StringWriter();
        var clock = new StoryClock(0.2);
        double[] hours;
        using (var progress = new TerminalProgress(Deliveries, clock, output, interactive: false))
        {
            var courier = new Courier(clock, log: progress.Log);
            hours = await progress.FollowAsync(courier.Timeline, Task.WhenAll(Deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime))));
        }

        string[] lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal([1.0, 2.0], hours);
        Assert.DoesNotContain("\u001b", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(8, lines.Length); // three courier lines per delivery, then the two rows
        Assert.Contains("Delivered to A!", lines[0], StringComparison.Ordinal);
        Assert.Equal(["A [████████████████████████] 100%  done, 1 h", "B [████████████████████████] 100%  done, 2 h"], lines[^2..]);
    }

    [Fact]
    public void In_a_terminal_rows_are_redrawn_in_place_below_the_log_and_the_cursor_comes_back()
    {
        var output = new StringWriter();
        using (var progress = new TerminalProgress(Deliveries, new StoryClock(1), output, interactive: true))
        {
            progress.WriteLine("Delivered to A!");
        }

        string text = output.ToString();
        Assert.StartsWith(Csi + "?25l", text, StringComparison.Ordinal); // cursor hidden while live
        Assert.Contains(Csi + "2F" + Csi + "2KDelivered to A!\n" + Csi + "2KA [", text, StringComparison.Ordinal); // up 2, log line, rows again
        Assert.EndsWith(Csi + "2KB [························]   0%  waiting\n" + Csi + "?25h", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_delivery_is_shown_and_its_exception_comes_out_of_the_await()
    {
        var output = new StringWriter();
        var clock = new StoryClock(0.2);
        using var progress = new TerminalProgress([("A", 1), ("B", 1)], clock, output, interactive: false);
        var courier = new Courier(clock, log: progress.Log);

        await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            progress.FollowAsync(courier.Timeline, Task.WhenAll(courier.DeliverAsync("A", 1), courier.DeliverAndDropAsync("B", 0.5))));

        Assert.Matches(@"failed after 0\.[56] h$", progress.Rows[1]); // B dropped the plate half way (a timer tick or two late at most)
        Assert.EndsWith("done, 1 h", progress.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void No_deliveries_or_a_nameless_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TerminalProgress([], new StoryClock(1), TextWriter.Null, false));
        Assert.Throws<ArgumentException>(() => new TerminalProgress([(" ", 1)], new StoryClock(1), TextWriter.Null, false));
    }

    /// <summary>Time that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
