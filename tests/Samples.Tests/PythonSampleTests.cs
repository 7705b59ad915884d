using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>The Python originals run, and tell the same story in the same lines as the C# samples beside them.</summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class PythonSampleTests(SampleRuns runs)
{
    [PythonFact]
    public async Task Gather_returns_results_in_order_in_about_the_longest_meal()
    {
        SampleOutput run = await SampleProcess.RunPythonAsync("gather.py", "--scale", SampleRuns.Scale);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("results: [1, 2, 3]", run.Lines);
        Assert.InRange(StoryHours(run, "gathered"), 3.0, 3.6); // asyncio.sleep never ends early
    }

    [PythonFact]
    public async Task Sync_takes_the_sum_of_the_meals()
    {
        SampleOutput run = await SampleProcess.RunPythonAsync("sync.py", "--mealtimes", "1,2", "--scale", SampleRuns.Scale);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("results: [1, 2]", run.Lines);
        Assert.InRange(StoryHours(run, "one after another"), 3.0, 3.6);
    }

    [PythonFact]
    public async Task Gather_prints_the_same_delivery_lines_as_the_CSharp_gather_sample()
    {
        SampleOutput python = await SampleProcess.RunPythonAsync("gather.py", "--scale", SampleRuns.Scale);
        SampleOutput csharp = (await runs.OfAsync("04-gather-as-whenall")).Run;

        Assert.Equal(DeliveryLines(csharp.Section("gathered")), DeliveryLines(python.Lines));
    }

    [PythonFact]
    public async Task Sync_prints_the_same_delivery_lines_as_the_CSharp_synchronous_run()
    {
        SampleOutput python = await SampleProcess.RunPythonAsync("sync.py", "--scale", SampleRuns.Scale);
        SampleOutput csharp = (await runs.OfAsync("01-sync-vs-async")).Run;

        Assert.Equal(DeliveryLines(csharp.Section("synchronous")), DeliveryLines(python.Lines));
    }

    [PythonFact]
    public async Task A_bad_argument_is_refused_naming_it_without_a_traceback()
    {
        foreach (var (script, args, named) in new[]
                 {
                     ("gather.py", new[] { "--mealtimes", "1,-2" }, "argument --mealtimes"),
                     ("sync.py", new[] { "--scale", "NaN" }, "argument --scale"),
                     ("gather.py", new[] { "--speed", "2" }, "--speed"),
                 })
        {
            SampleOutput run = await SampleProcess.RunPythonAsync(script, args);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Traceback", run.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>The story lines (delivered, finished eating, dishes collected, results) without their time stamps.</summary>
    private static string[] DeliveryLines(IEnumerable<string> lines) =>
        lines.Select(LessonStoryTests.Unstamped)
            .Where(l => l.StartsWith("Delivered to ", StringComparison.Ordinal) || l.Contains(" finished eating, took ", StringComparison.Ordinal)
                        || l.EndsWith("'s dishes collected", StringComparison.Ordinal) || l.StartsWith("results: ", StringComparison.Ordinal))
            .ToArray();

    private static double StoryHours(SampleOutput run, string label)
    {
        Match match = StoryHoursLine().Match(run.Stdout[run.Stdout.IndexOf(label + ":", StringComparison.Ordinal)..]);
        Assert.True(match.Success, run.ToString());
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@": ([0-9.]+) story hours")]
    private static partial Regex StoryHoursLine();
}
