using System.CommandLine;
using Tooling;

namespace ScaleBench;

/// <summary>What the command line chose.</summary>
/// <param name="From">A saved scale.json to report again instead of measuring; null to measure.</param>
internal sealed record Settings(int Max, int Repeats, double Seconds, string OutputDirectory, bool Cpu, string? From = null)
{
    /// <summary>The sweep's sizes, of which those up to <see cref="Max"/> run.</summary>
    public static readonly int[] AllSizes = [1_000, 10_000, 100_000, 1_000_000];

    /// <summary>The shortest and longest wait per delivery: above the timer tick, and short enough for a sweep to end.</summary>
    public const double MinSeconds = 0.01, MaxSeconds = 60;

    /// <summary>The most repeats of each size and runtime.</summary>
    public const int MaxRepeats = 100;

    public IReadOnlyList<int> Sizes => AllSizes.Where(n => n <= Max).ToArray();

    /// <summary>The benchmark's command line; <paramref name="run"/> gets the settings it chose.</summary>
    public static RootCommand Command(Func<Settings, CancellationToken, Task<int>> run)
    {
        Option<int> max = ToolCommandLine.WholeNumber("--max", AllSizes[0], int.MaxValue,
            $"The largest N of {string.Join(", ", AllSizes)}", AllSizes[^1]);
        Option<int> repeats = ToolCommandLine.WholeNumber("--repeats", 1, MaxRepeats, "Runs of each size and runtime, alternating; medians reported", 3);
        Option<double?> seconds = ToolCommandLine.Number("--seconds", "real seconds", MinSeconds, MaxSeconds,
            "How long each delivery waits, the ideal wall time", 1.0);
        Option<string?> output = ToolCommandLine.Folder("--out",
            "Where scale.json, scale.csv, cpu.csv and the charts go (default: artifacts/bench)");
        var noCpu = new Option<bool>("--no-cpu") { Description = "Skips the CPU-bound rows" };
        Option<string?> from = ToolCommandLine.Text("--from", "a scale.json this benchmark wrote",
            "Prints the tables and writes the files again from a saved scale.json, measuring nothing (say where with --out)");
        RootCommand command = ToolCommandLine.Create(
            "ScaleBench: N deliveries gathered, each waiting --seconds, in C# (Task.Delay each; SharedTimers) and Python asyncio. " +
            "The full default run takes 4-7 minutes on 2 cores (Python at 1M: ~40 s and ~1.7 GB per run).",
            max, repeats, seconds, output, noCpu, from);
        command.Validators.Add(result =>
        {
            // A saved sweep is reported as it was taken: the options that shape a new one do not apply to it.
            if (result.GetResult(from) is { Implicit: false } saved
                && new Option[] { max, repeats, seconds, noCpu }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } measuring)
            {
                result.AddError($"--from '{saved.GetValueOrDefault<string>()}' reports a saved sweep as it was taken; {measuring.Name} shapes a new one: give one or the other.");
            }
        });
        command.SetAction((parsed, cancellationToken) => run(
            new Settings(parsed.GetValue(max), parsed.GetValue(repeats), parsed.GetValue(seconds)!.Value,
                Path.GetFullPath(parsed.GetValue(output) ?? DefaultOutput()), !parsed.GetValue(noCpu), parsed.GetValue(from)),
            cancellationToken));
        return command;
    }

    private static string DefaultOutput() =>
        Path.Combine(Repository.FindRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory(), "artifacts", "bench");
}
