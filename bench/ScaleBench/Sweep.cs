using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeliveryTimelines;
using Tooling;

namespace ScaleBench;

/// <summary>Runs every measurement in its own process, alternating runtimes, and prints progress as it goes.</summary>
internal static class Sweep
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(Settings settings)
    {
        string script = PythonScript();
        string loadBefore = LoadAverage();
        string? python = await PythonVersionAsync();
        Console.WriteLine($"ScaleBench: N = {string.Join(", ", settings.Sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}; " +
            $"{settings.Repeats} repeat(s); each delivery waits {settings.Seconds.ToString(CultureInfo.InvariantCulture)} s; {Environment.ProcessorCount} cores.");
        Console.WriteLine(python is null
            ? "python3 was not found on PATH: running the C# rows only (install Python 3.7+ to compare)."
            : $"Python: {python} ({script})");

        var runtimes = python is null ? new[] { Runtimes.Delay, Runtimes.Shared } : [Runtimes.Python, Runtimes.Delay, Runtimes.Shared];
        int total = settings.Repeats * (runtimes.Length * settings.Sizes.Count + (python is null ? 1 : 2))
            + (settings.Cpu ? settings.Repeats * (python is null ? 1 : 2) : 0);
        var progress = new Progress(total);
        var runs = new List<GatherRun>();
        for (int repeat = 1; repeat <= settings.Repeats; repeat++)
        {
            // Baselines: the same processes with nothing to gather; their peak RSS is subtracted per delivery.
            runs.Add(await GatherAsync(Runtimes.CSharpBaseline, 0, repeat, settings, script, progress));
            if (python is not null)
            {
                runs.Add(await GatherAsync(Runtimes.Python, 0, repeat, settings, script, progress));
            }

            foreach (int n in settings.Sizes)
            {
                // Side by side and in turn: the order rotates each repeat, so no runtime always goes first after a quiet spell.
                foreach (string runtime in Rotate(runtimes, repeat - 1))
                {
                    runs.Add(await GatherAsync(runtime, n, repeat, settings, script, progress));
                }
            }
        }

        var cpu = new List<CpuRun>();
        bool? sameWork = null;
        if (settings.Cpu)
        {
            sameWork = python is null ? null : await SameWorkAsync(script);
            for (int repeat = 1; repeat <= settings.Repeats; repeat++)
            {
                cpu.AddRange(await CpuAsync("csharp", Child.Command("cpu", "0.1", Dishes.ToString(CultureInfo.InvariantCulture)), repeat, progress));
                if (python is not null)
                {
                    cpu.AddRange(await CpuAsync("python", Python("cpu", script, "--dish-seconds", "0.15", "--dishes", Dishes.ToString(CultureInfo.InvariantCulture)), repeat, progress));
                }
            }
        }

        string command = "dotnet run -c Release --project bench/ScaleBench -- " +
            $"--max {settings.Max} --repeats {settings.Repeats} --seconds {settings.Seconds.ToString(CultureInfo.InvariantCulture)}";
        var report = new Report(command, DateTimeOffset.UtcNow, new SweepSettings(settings.Repeats, settings.Seconds, [.. settings.Sizes]), ThisMachine.Describe(python, [loadBefore, LoadAverage()]),
            sameWork, runs, cpu);
        return report.PrintAndWrite(settings.OutputDirectory);
    }

    /// <summary>Dishes in the CPU-bound rows: four per core, so every way has work to share out.</summary>
    private static int Dishes => 4 * Environment.ProcessorCount;

    private static async Task<GatherRun> GatherAsync(string runtime, int n, int repeat, Settings settings, string script, Progress progress)
    {
        string nText = n.ToString(CultureInfo.InvariantCulture), seconds = settings.Seconds.ToString("R", CultureInfo.InvariantCulture);
        var (program, arguments) = runtime == Runtimes.Python
            ? Python("gather", script, nText, "--seconds", seconds)
            : Child.Command("gather", runtime == Runtimes.Shared ? Runtimes.Shared : Runtimes.Delay, nText, seconds);
        string label = n == 0 ? $"{Runtimes.Label(runtime == Runtimes.CSharpBaseline ? Runtimes.Delay : runtime)} baseline (N = 0)" : $"{Runtimes.Label(runtime)}, N = {n:N0}";
        progress.Starting($"repeat {repeat}: {label}");
        PythonScaleResult result = PythonScaleResult.Parse((await RunChildAsync(program, arguments)).Single());
        var run = new GatherRun(runtime, n, repeat, result.WallSeconds, result.CpuSeconds, result.PeakRssBytes);
        progress.Done(string.Create(CultureInfo.InvariantCulture, $"{run.Wall,7:F3} s wall, {run.Cpu,6:F2} s CPU, {run.PeakRssBytes / 1e6,6:F0} MB peak"));
        return run;
    }

    private static async Task<IEnumerable<CpuRun>> CpuAsync(string runtime, (string Program, string[] Arguments) command, int repeat, Progress progress)
    {
        progress.Starting($"repeat {repeat}: CPU-bound dishes in {runtime}");
        var rows = (await RunChildAsync(command.Program, command.Arguments)).Select(line => JsonDocument.Parse(line).RootElement)
            .Select(j => new CpuRun(runtime, j.GetProperty("way").GetString()!, repeat,
                j.GetProperty("dishes").GetInt32(), j.GetProperty("units").GetInt32(), j.GetProperty("wall").GetDouble())).ToArray();
        progress.Done(string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Way} {r.Wall:F2} s"))));
        return rows;
    }

    /// <summary>Python's cook and Kitchen.Cook must give the same checksum: the same work, not just similar work.</summary>
    private static async Task<bool> SameWorkAsync(string script)
    {
        const int units = 7;
        var (program, arguments) = Python("checksum", script, units.ToString(CultureInfo.InvariantCulture));
        ProcessResult run = await ChildProcess.RunAsync(program, arguments, new ChildProcessOptions { Timeout = ChildTimeout });
        return ulong.TryParse(run.Stdout.Trim(), CultureInfo.InvariantCulture, out ulong checksum) && checksum == DeliveryTimelines.Kitchen.Cook(units);
    }

    /// <summary>The JSON lines a child printed (one per result); it must exit with 0 within <see cref="ChildTimeout"/>.</summary>
    private static async Task<string[]> RunChildAsync(string program, IEnumerable<string> arguments) =>
        (await ChildProcess.RunAsync(program, arguments, new ChildProcessOptions { Timeout = ChildTimeout })).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{'))
            .ToArray();

    private static (string Program, string[] Arguments) Python(string command, string script, params string[] arguments) =>
        ("python3", [script, command, .. arguments]);

    private static async Task<string?> PythonVersionAsync()
    {
        if (!ChildProcess.IsOnPath("python3"))
        {
            return null; // not installed
        }

        ProcessResult run = await ChildProcess.RunAsync("python3", ["--version"], new ChildProcessOptions { CheckExitCode = false });
        return run.ExitCode == 0 ? (run.Stdout + run.Stderr).Trim() : null;
    }

    private static string PythonScript()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "python", "scale.py");
        return File.Exists(script) ? script : throw new FileNotFoundException("The Python side of the benchmark is missing from the build output.", script);
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), recorded with the results: on a shared machine they say how busy it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static IEnumerable<string> Rotate(string[] items, int by) => items.Skip(by % items.Length).Concat(items.Take(by % items.Length));

    /// <summary>One line per child: what runs, then how it went, with the count and time so far.</summary>
    private sealed class Progress(int total)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _done;

        public void Starting(string what) =>
            Console.Write(string.Create(CultureInfo.InvariantCulture, $"[{_done + 1,3}/{total}] {_clock.Elapsed:m\\:ss} {what,-52} "));

        public void Done(string result)
        {
            _done++;
            Console.WriteLine(result);
        }
    }
}
