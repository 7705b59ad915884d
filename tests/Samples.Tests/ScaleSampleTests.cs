using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>08 as a program: the sweep's shape (timers shared, fewer bytes per delivery), never exact timings.</summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class ScaleSampleTests(SampleRuns runs)
{
    [Fact]
    public async Task Shared_timers_need_far_fewer_timers_and_fewer_bytes_than_one_Task_Delay_each()
    {
        SampleOutput run = (await runs.OfAsync("08-how-far-does-gather-scale")).Run;
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.Contains("results in delivery order: [1, 2, 3, 1, 2, 3]", run.Lines);
        var rows = run.Section("the sweep").Select(l => Row().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(3, rows.Length);
        foreach (Match row in rows)
        {
            int n = Int(row, "n");
            Assert.Equal(n, Int(row, "plainTimers"));
            Assert.InRange(Int(row, "sharedTimers"), 1, Math.Max(3, n / 100)); // one per mealtime per millisecond of starting them
            Assert.True(Int(row, "sharedBytes") < Int(row, "plainBytes") - 50,
                $"shared timers should save a timer's worth of bytes per delivery: {row.Value}");
        }
    }

    [Fact]
    public async Task What_sharing_saved_is_printed_per_gather_and_grows_with_N()
    {
        SampleOutput run = (await runs.OfAsync("08-how-far-does-gather-scale")).Run;
        Assert.True(run.ExitCode == 0, run.ToString());

        var saved = run.Section("what shared timers saved per gather").Select(l => Saved().Match(l)).Where(m => m.Success).ToArray();
        Assert.Equal(3, saved.Length);
        double[] megabytes = [.. saved.Select(m => double.Parse(m.Groups["mb"].Value, CultureInfo.InvariantCulture))];
        Assert.All(megabytes, mb => Assert.True(mb > 0, $"sharing should save allocations at every N: {mb} MB"));
        Assert.True(megabytes[2] > megabytes[0], $"the bytes saved grow with N: {string.Join(", ", megabytes)} MB");
        Assert.All(saved, m => Assert.True(Int(m, "fewer") > 0, m.Value));
    }

    [Fact]
    public async Task The_pieces_of_a_pending_delivery_and_this_machine_s_timers_are_measured_in_the_run()
    {
        SampleOutput run = (await runs.OfAsync("08-how-far-does-gather-scale")).Run;
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.Contains(run.Lines, l => l.Contains("On this machine .NET's timers tick every", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Lines, l => l.Contains("~1.5 ms", StringComparison.Ordinal)); // no typed figure (a measured "by up to 1.5 ms" may come out)
        Match gathered = run.Lines.Select(l => Gathered().Match(l)).Single(m => m.Success);
        Assert.True(Int(gathered, "shared") < Int(gathered, "delay") - 100, gathered.Value); // a Task.Delay's worth, less a continuation entry
        Assert.Contains(run.Lines, l => l.Contains(" B  a Task.Delay: its promise and its timer", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("overhead(s) below 1e-4 s drawn at 1e-4 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_deliveries_are_written_as_a_Chrome_trace_beside_the_charts()
    {
        var (run, charts) = await runs.OfAsync("08-how-far-does-gather-scale");
        Assert.True(run.ExitCode == 0, run.ToString());

        SampleTrace trace = await SampleTrace.ReadAsync(run, charts, "08-quiet-deliveries.trace.json");
        Assert.Equal(6, trace.Spans.Length); // two rounds of the default three mealtimes
    }

    private static int Int(Match row, string group) => int.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^N = +(?<n>\d+): Task\.Delay each +-?[0-9.]+ ms, +(?<plainBytes>\d+) B/delivery, +(?<plainTimers>\d+) timers \| shared timers +-?[0-9.]+ ms, +(?<sharedBytes>\d+) B/delivery, +(?<sharedTimers>\d+) timers$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^N = +\d+: +(?<mb>-?[0-9.]+) MB, +-?[0-9.]+ ms, +(?<fewer>\d+) fewer timers$")]
    private static partial Regex Saved();

    [GeneratedRegex(@"^Gathered with a Task\.Delay each: (?<delay>\d+) B per delivery; on shared timers: (?<shared>\d+) B\.$")]
    private static partial Regex Gathered();
}
