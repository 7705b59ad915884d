using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// 07 — the sample's file section tells the notebook's story: files written every way in a temporary folder that is
/// deleted again, each async call a thread-pool work item, gathering worth far less than for HTTP in C# and in Python
/// alike; and the sample writes a Chrome trace of every run next to its charts.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class BeyondGatherSampleTests(SampleRuns runs)
{
    private const string Sample = "07-beyond-gather";

    [Fact]
    public async Task Files_go_to_a_temporary_folder_that_is_deleted_and_every_async_call_is_pool_work()
    {
        SampleOutput run = await RunAsync();
        string[] section = run.Section("5. files");

        Match deleted = Deleted().Match(run.Stdout);
        Assert.True(deleted.Success, run.ToString());
        Assert.Equal("True", deleted.Groups[2].Value);
        Assert.False(Directory.Exists(deleted.Groups[1].Value), $"{deleted.Groups[1].Value} is still there");
        Assert.StartsWith(Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar), deleted.Groups[1].Value, StringComparison.Ordinal); // not in --out

        Assert.True(PerFile(section, "File.WriteAllText, one by one (blocking)") < 0.25, string.Join('\n', section));
        Assert.InRange(PerFile(section, "File.WriteAllTextAsync, one by one"), 1, 4);     // 16 KiB: two chunks of 8,192 characters
        Assert.InRange(PerFile(section, "File.WriteAllTextAsync, gathered"), 1, 4);
        Assert.InRange(PerFile(section, "await foreach File.ReadLinesAsync, gathered"), 1, 10);
        if (OperatingSystem.IsLinux())
        {
            double withFlag = PerFile(section, "FileStream, Asynchronous, gathered"), without = PerFile(section, "FileStream, None, gathered");
            Assert.InRange(withFlag, 0.9, 2);
            Assert.InRange(withFlag / without, 0.8, 1.25);                                 // FileOptions.Asynchronous changes nothing on Linux
        }

        Assert.Contains(section, l => l.StartsWith("C#: gathered / one by one = ", StringComparison.Ordinal) && l.Contains("every file read back as written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gathering_file_writes_gains_far_less_than_gathering_requests_in_both_languages()
    {
        SampleOutput run = await RunAsync();

        double http = run.Hours("HTTP gathered") / run.Hours("HTTP one by one");
        Match ratios = Ratios().Match(run.Stdout);
        double csharp = ratios.Success
            ? Number(ratios.Groups[1].Value)
            : Number(Regex.Match(run.Stdout, @"C#: gathered / one by one = ([0-9.]+)").Groups[1].Value);
        Assert.InRange(csharp, 0.15, 1.3);
        Assert.True(csharp > http, $"gathered / one by one: files {csharp}, HTTP {http:F2}");
        if (SampleProcess.HasPython3)
        {
            Assert.True(ratios.Success, run.ToString());
            double python = Number(ratios.Groups[2].Value);
            Assert.True(python > http, $"Python's gathered / one by one for files is {python}, HTTP's {http:F2}");
            Match threads = Regex.Match(run.Stdout, @"asyncio\.to_thread, as aiofiles does\): .* on (\d+) threads");
            Assert.InRange(int.Parse(threads.Groups[1].Value, CultureInfo.InvariantCulture), 2, Math.Min(32, Environment.ProcessorCount + 4));
        }
    }

    [Fact]
    public async Task It_writes_a_Chrome_trace_of_every_run_next_to_its_charts()
    {
        var (run, charts) = await runs.OfAsync(Sample);
        Assert.True(run.ExitCode == 0, run.ToString());

        string[] processes = (await SampleTrace.ReadAsync(run, charts, "07-beyond-gather.trace.json")).Processes;
        Assert.True(File.Exists(Path.Combine(charts, "files.html")), "no files chart beside the trace");
        Assert.Equal(7, processes.Length);
        Assert.Equal("files: each way run once more, after its five measured rounds", processes[^1]);
    }

    private async Task<SampleOutput> RunAsync()
    {
        SampleOutput run = (await runs.OfAsync(Sample)).Run;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    /// <summary>The thread-pool work items per file in the row of <paramref name="way"/>.</summary>
    private static double PerFile(string[] section, string way)
    {
        string row = Assert.Single(section, l => l.StartsWith(way + " ", StringComparison.Ordinal) && l.Contains(" ms ", StringComparison.Ordinal));
        string[] fields = row[way.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries); // median, "ms", per file, threads
        return Number(fields[2]);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\(the folder (.+) was deleted: (True|False)\)")]
    private static partial Regex Deleted();

    [GeneratedRegex(@"gathered / one by one: C# ([0-9.]+), Python ([0-9.]+)")]
    private static partial Regex Ratios();
}
