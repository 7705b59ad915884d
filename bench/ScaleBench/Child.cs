using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using DeliveryTimelines;
using Tooling;

namespace ScaleBench;

/// <summary>One measurement in its own process: a gather of N deliveries, or the CPU-bound rows.</summary>
internal static class Child
{
    public const string Flag = "--child";

    /// <summary>The program and arguments that run this program again as a child.</summary>
    public static (string Program, string[] Arguments) Command(params string[] arguments)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        return Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? (self, [typeof(Child).Assembly.Location, Flag, .. arguments]) // run as `dotnet ScaleBench.dll`
            : (self, [Flag, .. arguments]);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["gather", string kind, string n, string seconds] when int.TryParse(n, CultureInfo.InvariantCulture, out int count) && count >= 0
                && double.TryParse(seconds, CultureInfo.InvariantCulture, out double wait) && double.IsFinite(wait) && wait > 0:
                await GatherAsync(kind == Runtimes.Shared, count, wait);
                return 0;
            case ["cpu", string dishSeconds, string dishes] when double.TryParse(dishSeconds, CultureInfo.InvariantCulture, out double dish)
                && double.IsFinite(dish) && dish > 0 && dish < 60 && int.TryParse(dishes, CultureInfo.InvariantCulture, out int count) && count > 0:
                Cpu(TimeSpan.FromSeconds(dish), count);
                return 0;
            default:
                // Only the benchmark itself starts children; this says what it sent if the two ever disagree.
                await Console.Error.WriteLineAsync($"ScaleBench {Flag}: unknown child command '{string.Join(' ', args)}'.");
                return ToolCommandLine.BadArguments;
        }
    }

    /// <summary>
    /// N quiet deliveries of one story hour each, gathered; prints the wall time and this process's peak RSS as one JSON
    /// line with the fields bench/python/scale.py prints, so one reader (<see cref="PythonScaleResult"/>) reads both.
    /// </summary>
    private static async Task GatherAsync(bool shared, int n, double seconds)
    {
        StoryClock Clock(double s) => shared ? new StoryClock(s).WithSharedTimers() : new StoryClock(s);

        // JIT warm-up of the exact path, on its own clock: enough calls for tiered compilation to queue the optimized
        // code, a pause for it to be compiled in the background, and a second round that runs it.
        await QuietDeliveries.GatherAsync(Clock(0.01), 2_000, [1]);
        await Task.Delay(250);
        await QuietDeliveries.GatherAsync(Clock(0.01), 2_000, [1]);
        using var self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        double[] results = await QuietDeliveries.GatherAsync(Clock(seconds), n, [1]);
        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        self.Refresh();
        double cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        if (results.Length != n || results.Any(r => r != 1))
        {
            throw new InvalidOperationException("The gather returned the wrong results.");
        }

        Console.WriteLine(JsonSerializer.Serialize(new { n, wall = wall.TotalSeconds, cpu, peakRssBytes = PeakRssBytes(), gc = GcMode }));
    }

    /// <summary>The same dishes one after another, with Parallel.For, and with Task.WhenAll over Task.Run.</summary>
    private static void Cpu(TimeSpan dishTime, int dishes)
    {
        int units = Kitchen.UnitsFor(dishTime);
        ulong expected = Kitchen.Cook(units);
        var ways = new (string Name, Func<ulong[]> Cook)[]
        {
            ("sequential", () => Enumerable.Range(0, dishes).Select(_ => Kitchen.Cook(units)).ToArray()),
            ("Parallel.For", () =>
            {
                var sums = new ulong[dishes];
                Parallel.For(0, dishes, i => sums[i] = Kitchen.Cook(units));
                return sums;
            }),
            ("WhenAll(Task.Run)", () => Task.WhenAll(Enumerable.Range(0, dishes).Select(_ => Task.Run(() => Kitchen.Cook(units)))).GetAwaiter().GetResult()),
        };
        foreach (var (_, cook) in ways)
        {
            cook(); // warm-up: every way once untimed, so no timed run pays for JIT tiering or thread-pool growth
        }

        // Three interleaved rounds, the best of each way kept: on a shared machine other work only ever adds time.
        var best = ways.ToDictionary(w => w.Name, _ => double.MaxValue);
        for (int round = 0; round < CpuRounds; round++)
        {
            foreach (var (name, cook) in ways)
            {
                long start = Stopwatch.GetTimestamp();
                ulong[] sums = cook();
                best[name] = Math.Min(best[name], Stopwatch.GetElapsedTime(start).TotalSeconds);
                if (sums.Length != dishes || sums.Any(s => s != expected))
                {
                    throw new InvalidOperationException($"{name} cooked the wrong dishes.");
                }
            }
        }

        foreach (var (name, _) in ways)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { way = name, dishes, units, wall = best[name] }));
        }
    }

    /// <summary>Timed rounds of each CPU-bound way; the best is reported.</summary>
    public const int CpuRounds = 3;

    /// <summary>Which garbage collector ran: "workstation, Batch" (non-concurrent) unless the environment chose otherwise.</summary>
    public static string GcMode => $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}";

    /// <summary>The most resident memory this process has had: VmHWM on Linux, the peak working set elsewhere.</summary>
    private static long PeakRssBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
