using System.Collections.Concurrent;
using System.Diagnostics;
using NotebookRunner;

[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)] // one sample at a time: they time themselves

namespace Samples.Tests;

/// <summary>What a finished sample process said.</summary>
internal sealed record SampleOutput(int ExitCode, string Stdout, string Stderr)
{
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

    /// <summary>Runs <c>dotnet run samples/{name}.cs -- args</c>, building it first if needed.</summary>
    public static async Task<SampleOutput> RunCSharpAsync(string name, params string[] args)
    {
        string file = Path.Combine(SamplesDirectory, name + ".cs");
        await Builds.GetOrAdd(name, _ => new Lazy<Task>(async () =>
        {
            await using var buildLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Build);
            await Repository.RunDotnetAsync(Root, TextWriter.Null, $"building {name}.cs", CancellationToken.None, "build", file);
        })).Value;
        await using var timingLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Timing);
        return await RunAsync("dotnet", ["run", "--no-build", file, "--", .. args]);
    }

    /// <summary>Runs <c>python3 samples/python/{script} args</c>.</summary>
    public static async Task<SampleOutput> RunPythonAsync(string script, params string[] args)
    {
        await using var timingLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Timing);
        return await RunAsync("python3", [Path.Combine(SamplesDirectory, "python", script), .. args]);
    }

    public static bool HasPython3 { get; } = FindOnPath("python3");

    private static async Task<SampleOutput> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than 3 minutes.");
        }

        return new SampleOutput(process.ExitCode, await stdout, await stderr);
    }

    private static bool FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}

/// <summary>A fact that needs python3, skipped with the reason shown when it is missing.</summary>
internal sealed class PythonFactAttribute : Xunit.FactAttribute
{
    public PythonFactAttribute()
    {
        if (!SampleProcess.HasPython3)
        {
            Skip = "python3 is not on PATH: the Python originals cannot run on this machine.";
        }
    }
}
