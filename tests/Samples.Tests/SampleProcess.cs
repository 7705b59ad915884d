using DeliveryTimelines;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Tooling;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // one sample at a time: they time themselves

namespace Samples.Tests;

/// <summary>What a finished sample process said.</summary>
internal sealed record SampleOutput(int ExitCode, string Stdout, string Stderr)
{
    public string[] Lines => Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>The story hours in the summary table row labelled <paramref name="row"/> (<see cref="SampleSupport.SummaryTable"/>).</summary>
    public double Hours(string row)
    {
        double[] hours = Lines.Select(l => SampleSupport.SummaryTable.StoryHours(l, row)).OfType<double>().ToArray();
        Assert.True(hours.Length == 1, $"expected one summary row '{row}', found {hours.Length}\n{this}");
        return hours[0];
    }

    /// <summary>The lines between the header <c>== {section}…</c> and the next header or blank line.</summary>
    public string[] Section(string section)
    {
        var lines = Lines.SkipWhile(l => !l.StartsWith("== " + section, StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0 && !l.StartsWith("== ", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length > 0, $"no section '{section}'\n{this}");
        return lines;
    }

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Builds (once, under the repository's build lock) and runs the samples.</summary>
internal static class SampleProcess
{
    public static readonly string Root = Repository.Root();

    public static string SamplesDirectory => Path.Combine(Root, "samples");

    private static readonly ConcurrentDictionary<string, Lazy<Task>> Builds = new(StringComparer.Ordinal);

    /// <summary>Every C# sample's name (file name without .cs).</summary>
    public static IEnumerable<object[]> CSharpSamples() =>
        Directory.GetFiles(SamplesDirectory, "*.cs").Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    /// <summary>Runs <c>dotnet run samples/{name}.cs -- args</c> in <paramref name="workingDirectory"/> (the repository when null), building it first if needed.</summary>
    public static async Task<SampleOutput> RunCSharpAsync(string name, string[] args, string? workingDirectory = null)
    {
        string file = Path.Combine(SamplesDirectory, name + ".cs");
        await Builds.GetOrAdd(name, _ => new Lazy<Task>(async () =>
        {
            await using var buildLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Build);
            await ChildProcess.RunAsync("dotnet", ["build", file], new ChildProcessOptions { WorkingDirectory = Root });
        })).Value;
        await using var timingLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Timing);
        return await RunAsync("dotnet", ["run", "--no-build", file, "--", .. args], workingDirectory ?? Root);
    }

    /// <summary>Runs <c>python3 samples/python/{script} args</c>.</summary>
    public static async Task<SampleOutput> RunPythonAsync(string script, params string[] args)
    {
        await using var timingLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Timing);
        return await RunAsync("python3", [Path.Combine(SamplesDirectory, "python", script), .. args], Root);
    }

    public static bool HasPython3 { get; } = ChildProcess.IsOnPath("python3");

    /// <summary>Runs <paramref name="program"/> to its end (at most 3 minutes) and returns its exit code and output, whatever the exit code.</summary>
    internal static async Task<SampleOutput> RunAsync(string program, string[] args, string workingDirectory)
    {
        ProcessResult run = await ChildProcess.RunAsync(program, args,
            new ChildProcessOptions { WorkingDirectory = workingDirectory, Timeout = TimeSpan.FromMinutes(3), CheckExitCode = false });
        return new SampleOutput(run.ExitCode, run.Stdout, run.Stderr);
    }
}

/// <summary>
/// Runs each C# sample once with the default story at a fast clock, for every test that reads its output: each sample
/// runs for a few seconds, so checking its charts and its story from the same run keeps the project quick.
/// </summary>
public sealed class SampleRuns : IDisposable
{
    /// <summary>Real seconds per story hour in these runs: fast, yet ~25 timer ticks per hour, so ratios stay clear.</summary>
    public const string Scale = "0.1";

    private readonly string _out = Directory.CreateTempSubdirectory("sample-runs-").FullName;
    private readonly ConcurrentDictionary<string, Lazy<Task<(SampleOutput Run, string Charts)>>> _runs = new(StringComparer.Ordinal);

    /// <summary>The run of <paramref name="sample"/> with <c>--scale 0.1</c> and charts saved to a folder of its own.</summary>
    internal Task<(SampleOutput Run, string Charts)> OfAsync(string sample) =>
        _runs.GetOrAdd(sample, s => new Lazy<Task<(SampleOutput, string)>>(async () =>
        {
            string charts = Path.Combine(_out, s);
            return (await SampleProcess.RunCSharpAsync(s, ["--scale", Scale, "--out", charts]), charts);
        })).Value;

    public void Dispose() => Directory.Delete(_out, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class SampleRunsGroup : ICollectionFixture<SampleRuns>
{
    public const string Name = "samples";
}

/// <summary>A fact that needs python3, skipped with the reason shown when it is missing.</summary>
internal sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!SampleProcess.HasPython3)
        {
            Skip = "python3 is not on PATH: the Python originals cannot run on this machine.";
        }
    }
}
