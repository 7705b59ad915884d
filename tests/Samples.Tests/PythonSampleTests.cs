using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>The Python originals run and tell the same story as the C# samples.</summary>
public sealed partial class PythonSampleTests
{
    [PythonFact]
    public async Task Gather_returns_results_in_order_in_about_the_longest_meal()
    {
        SampleOutput run = await SampleProcess.RunPythonAsync("gather.py", "--scale", "0.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("results: [1, 2, 3]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Delivered to A!", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("A finished eating, took 1 h", run.Stdout, StringComparison.Ordinal);
        Assert.InRange(StoryHours(run.Stdout, "gathered"), 3.0, 3.6); // asyncio.sleep never ends early
    }

    [PythonFact]
    public async Task Sync_takes_the_sum_of_the_meals()
    {
        SampleOutput run = await SampleProcess.RunPythonAsync("sync.py", "--mealtimes", "1,2", "--scale", "0.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("results: [1, 2]", run.Stdout, StringComparison.Ordinal);
        Assert.InRange(StoryHours(run.Stdout, "one after another"), 3.0, 3.6);
    }

    [PythonFact]
    public async Task A_bad_mealtime_is_refused_naming_the_argument()
    {
        foreach (string script in new[] { "gather.py", "sync.py" })
        {
            SampleOutput run = await SampleProcess.RunPythonAsync(script, "--mealtimes", "1,-2");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("argument --mealtimes", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Traceback", run.Stderr, StringComparison.Ordinal);
        }
    }

    private static double StoryHours(string stdout, string label)
    {
        Match match = StoryHoursLine().Match(stdout[stdout.IndexOf(label + ":", StringComparison.Ordinal)..]);
        Assert.True(match.Success, stdout);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@": ([0-9.]+) story hours")]
    private static partial Regex StoryHoursLine();
}
