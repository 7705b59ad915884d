using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>07 as a program: the sweep's shape (timers shared, fewer bytes per delivery), never exact timings.</summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class ScaleSampleTests(SampleRuns runs)
{
    [Fact]
    public async Task Shared_timers_need_far_fewer_timers_and_fewer_bytes_than_one_Task_Delay_each()
    {
        SampleOutput run = (await runs.OfAsync("07-how-far-does-gather-scale")).Run;
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

    private static int Int(Match row, string group) => int.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^N = +(?<n>\d+): Task\.Delay each +-?[0-9.]+ ms, +(?<plainBytes>\d+) B/delivery, +(?<plainTimers>\d+) timers \| shared timers +-?[0-9.]+ ms, +(?<sharedBytes>\d+) B/delivery, +(?<sharedTimers>\d+) timers$")]
    private static partial Regex Row();
}
