using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DeliveryTimelines;

namespace ScaleBench;

/// <summary>Medians of the runs, ratios of runs taken side by side, and the files: JSON, CSV and offline HTML charts.</summary>
/// <param name="command">The command that took the runs, as a reader would type it.</param>
/// <param name="date">When the runs were taken.</param>
/// <param name="sweep">How the runs were taken.</param>
/// <param name="machine">Where they were taken.</param>
/// <param name="sameWork">Whether Python's CPU-bound work gave C#'s checksum; null without Python or CPU rows.</param>
/// <param name="runs">Every gather, each in its own process.</param>
/// <param name="cpu">Every CPU-bound run.</param>
internal sealed class Report(string command, DateTimeOffset date, SweepSettings sweep, ScaleMachine machine, bool? sameWork, IReadOnlyList<GatherRun> runs, IReadOnlyList<CpuRun> cpu)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>Per runtime and N: median wall, overhead above the ideal, peak RSS, and bytes per delivery above the baseline.</summary>
    public IReadOnlyList<GatherRow> Gather { get; } = Summarize(sweep.Seconds, runs);

    /// <summary>Per C# runtime and N: the median over repeats of C# ÷ Python, each ratio taken from one repeat's runs.</summary>
    public IReadOnlyList<RatioRow> Ratios { get; } = SideBySide(runs, sweep.Seconds);

    /// <summary>Per runtime and way: the median wall and the median speedup over that repeat's sequential run.</summary>
    public IReadOnlyList<CpuRow> Cpu { get; } = Speedups(cpu);

    /// <summary>The report of a sweep saved by <see cref="Write"/> (its scale.json): the same tables, CSV and charts, measuring nothing.</summary>
    /// <exception cref="ArgumentException">The file is missing or is not a scale.json; the message names it and says why.</exception>
    public static Report Load(string path)
    {
        Saved? saved;
        try
        {
            saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path), JsonOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException($"--from: cannot read '{path}' as a ScaleBench scale.json: {e.Message}", e);
        }

        if (saved?.Command is null || saved.Settings is null || saved.Machine is null || saved.Runs is null || saved.CpuRuns is null)
        {
            throw new ArgumentException($"--from: '{path}' is not a ScaleBench scale.json: it lacks command, settings, machine, runs or cpuRuns.");
        }

        return new Report(saved.Command, saved.Date, saved.Settings, saved.Machine, saved.SameWork, saved.Runs, saved.CpuRuns);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Gathering N deliveries that each wait {sweep.Seconds.ToString(Invariant)} s (medians of {sweep.Repeats}; C# GC: {machine.Gc}):");
        Console.WriteLine($"{"runtime",-30} {"N",10} {"wall s",8} {"overhead s",11} {"CPU s",7} {"peak RSS MB",12} {"B/delivery",11}");
        foreach (var row in Gather)
        {
            Console.WriteLine(string.Create(Invariant,
                $"{Runtimes.Label(row.Runtime),-30} {row.N,10:N0} {row.WallSeconds,8:F3} {row.OverheadSeconds,11:F3} {row.CpuSeconds,7:F2} {row.PeakRssBytes / 1e6,12:F1} {row.BytesPerDelivery?.ToString("F0", Invariant) ?? "below noise",11}"));
        }

        Console.WriteLine($"(load average before and after: {string.Join(" → ", machine.LoadAverages)} on {machine.Cores} cores)");
        Console.WriteLine($"(taken {date.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC on {machine})");

        if (Ratios.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("C# ÷ Python, from runs taken side by side (median of the repeats' ratios):");
            Console.WriteLine($"{"runtime",-30} {"N",10} {"wall",7} {"overhead",9} {"peak RSS",9}");
            foreach (var row in Ratios)
            {
                Console.WriteLine(string.Create(Invariant,
                    $"{Runtimes.Label(row.Runtime),-30} {row.N,10:N0} {row.Wall,7:F3} {row.Overhead,9:F4} {row.PeakRss,9:F3}"));
            }
        }

        if (Cpu.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"CPU-bound: the same dishes ({(sameWork switch { true => "checksums match across runtimes", false => "CHECKSUMS DIFFER", null => "C# only" })}), {machine.Cores} cores:");
            Console.WriteLine($"{"runtime",-8} {"way",-20} {"dishes",7} {"wall s",8} {"speedup",8}");
            foreach (var row in Cpu)
            {
                Console.WriteLine(string.Create(Invariant, $"{row.Runtime,-8} {row.Way,-20} {row.Dishes,7} {row.WallSeconds,8:F3} {row.Speedup,7:F2}×"));
            }
        }

        Console.WriteLine();
    }

    /// <summary>Prints the tables, writes the files into <paramref name="dir"/> and says where; returns the exit code, 0.</summary>
    public int PrintAndWrite(string dir)
    {
        Print();
        foreach (string file in Write(dir))
        {
            Console.WriteLine($"wrote {file}");
        }

        return 0;
    }

    /// <summary>Writes scale.json, scale.csv, cpu.csv and the charts into <paramref name="dir"/>; returns the paths.</summary>
    public IEnumerable<string> Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var document = new
        {
            command,
            date,
            machine,
            settings = sweep,
            sameWork,
            gather = Gather,
            ratios = Ratios,
            cpu = Cpu,
            runs,
            cpuRuns = cpu,
        };
        string json = Path.Combine(dir, "scale.json");
        File.WriteAllText(json, JsonSerializer.Serialize(document, JsonOptions));
        yield return json;

        yield return Csv(Path.Combine(dir, "scale.csv"), "runtime,n,runs,wall_s,overhead_s,cpu_s,peak_rss_bytes,bytes_per_delivery,bytes_per_delivery_note",
            Gather.Select(r => string.Create(Invariant,
                $"{r.Runtime},{r.N},{r.Runs},{r.WallSeconds:F4},{r.OverheadSeconds:F4},{r.CpuSeconds:F4},{r.PeakRssBytes},{r.BytesPerDelivery:F1},{CsvText(r.BytesPerDeliveryNote)}")));
        yield return Csv(Path.Combine(dir, "ratios.csv"), "runtime,n,wall_ratio,overhead_ratio,peak_rss_ratio",
            Ratios.Select(r => string.Create(Invariant, $"{r.Runtime},{r.N},{r.Wall:F4},{r.Overhead:F5},{r.PeakRss:F4}")));
        if (Cpu.Count > 0)
        {
            yield return Csv(Path.Combine(dir, "cpu.csv"), "runtime,way,dishes,wall_s,speedup",
                Cpu.Select(r => string.Create(Invariant, $"{r.Runtime},{r.Way},{r.Dishes},{r.WallSeconds:F4},{r.Speedup:F3}")));
        }

        foreach (var (chart, name, title) in Charts(Gather, Cpu, sweep.Seconds, machine.Cores))
        {
            yield return ChartHtml.Save(chart, Path.Combine(dir, name + ".html"), title);
        }
    }

    private static IEnumerable<(Plotly.NET.GenericChart Chart, string Name, string Title)> Charts(IReadOnlyList<GatherRow> gather, IReadOnlyList<CpuRow> cpu, double seconds, int cores)
    {
        // A log axis shows only values above 0. Bytes per delivery below the noise have no figure: those points are left
        // out. Small N can measure 0 overhead, or a hair below (Task.Delay can end early): drawn at the floor, as lesson 07 draws them.
        ScaleSeries[] Series(Func<GatherRow, double?> value) => gather.GroupBy(r => r.Runtime)
            .Select(g => (Runtime: g.Key, Points: g.Where(r => value(r) > 0).ToArray()))
            .Select(s => new ScaleSeries(Runtimes.Label(s.Runtime), s.Points.Select(r => (double)r.N).ToArray(), s.Points.Select(r => value(r)!.Value).ToArray()))
            .ToArray();
        ScaleSeries[] overheads = [.. gather.GroupBy(r => r.Runtime).Select(g => ScaleSeries.AtLeast(Runtimes.Label(g.Key),
            [.. g.Select(r => (double)r.N)], [.. g.Select(r => r.OverheadSeconds)], ScaleSeries.OverheadFloorSeconds))];
        string floor = overheads.Sum(s => s.Raised) is int raised and > 0 ? $" ({raised} below 1e-4 s drawn at 1e-4 s)" : "";

        yield return (ScaleChart.LogLog($"Overhead above the ideal {seconds.ToString(Invariant)} s{floor}", "deliveries gathered (N)", "seconds above the ideal",
            overheads), "scale-overhead", "How far gather goes: overhead");
        yield return (ScaleChart.LogLog("Peak memory per pending delivery, above an empty process", "deliveries gathered (N)", "bytes per delivery",
            Series(r => r.BytesPerDelivery)), "scale-bytes", "How far gather goes: bytes per delivery");
        if (cpu.Count > 0)
        {
            yield return (ScaleChart.Bars($"CPU-bound speedup over sequential ({cores} cores: the dashed line)", "speedup",
                cpu.Select(r => (r.Label, r.Way, r.Speedup)), referenceLine: cores), "cpu-speedup", "CPU-bound speedups");
        }
    }

    // A text field: empty for none, else quoted (quotes doubled), so a comma in it stays in its column.
    private static string CsvText(string? text) => text is null ? string.Empty : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Csv(string path, string header, IEnumerable<string> lines)
    {
        File.WriteAllLines(path, lines.Prepend(header), new UTF8Encoding(false));
        return path;
    }

    private static GatherRow[] Summarize(double seconds, IReadOnlyList<GatherRun> runs)
    {
        double[] Baselines(string runtime) => runs.Where(r => r.N == 0 && r.Runtime == (runtime == Runtimes.Python ? Runtimes.Python : Runtimes.CSharpBaseline))
            .Select(r => (double)r.PeakRssBytes).ToArray();

        return runs.Where(r => r.N > 0).GroupBy(r => (r.Runtime, r.N)).OrderBy(g => g.Key.N).ThenBy(g => g.Key.Runtime, StringComparer.Ordinal)
            .Select(g =>
            {
                double[] baselines = Baselines(g.Key.Runtime);
                double baseline = Median(baselines);
                double wall = Median(g.Select(r => r.Wall));
                var (bytes, note) = BytesPerDelivery(Median(g.Select(r => (double)r.PeakRssBytes)), baseline,
                    baselines.Length == 0 ? 0 : baselines.Max() - baselines.Min(), g.Key.N);
                return new GatherRow(g.Key.Runtime, g.Key.N, g.Count(), wall, wall - seconds, Median(g.Select(r => r.Cpu)),
                    (long)Median(g.Select(r => (double)r.PeakRssBytes)), bytes, note, (long)baseline);
            })
            .ToArray();
    }

    /// <summary>
    /// Peak RSS above the empty process, per delivery; or, where that excess is not above zero or not above how much
    /// the empty process's own runs varied (RSS noise, which at small N is thousands of bytes per delivery either
    /// way), no figure and the reason.
    /// </summary>
    internal static (double? BytesPerDelivery, string? Note) BytesPerDelivery(double peak, double baseline, double baselineSpread, int n)
    {
        double excess = peak - baseline;
        if (excess <= 0)
        {
            return (null, string.Create(Invariant, $"below noise: the peak RSS ({peak / 1e6:F1} MB) is not above the empty process's ({baseline / 1e6:F1} MB)"));
        }

        return excess <= baselineSpread
            ? (null, string.Create(Invariant,
                $"below noise: the peak RSS is {excess / 1e6:F1} MB above the empty process's, within the {baselineSpread / 1e6:F1} MB its own runs varied by"))
            : (excess / n, null);
    }

    private static RatioRow[] SideBySide(IReadOnlyList<GatherRun> runs, double seconds)
    {
        var python = runs.Where(r => r.Runtime == Runtimes.Python && r.N > 0).ToDictionary(r => (r.N, r.Repeat));
        if (python.Count == 0)
        {
            return [];
        }

        double Overhead(GatherRun r) => r.Wall - seconds;
        return runs.Where(r => r.Runtime is Runtimes.Delay or Runtimes.Shared && python.ContainsKey((r.N, r.Repeat)))
            .GroupBy(r => (r.Runtime, r.N)).OrderBy(g => g.Key.N).ThenBy(g => g.Key.Runtime, StringComparer.Ordinal)
            .Select(g => new RatioRow(g.Key.Runtime, g.Key.N,
                Median(g.Select(r => r.Wall / python[(r.N, r.Repeat)].Wall)),
                Median(g.Select(r => Overhead(r) / Overhead(python[(r.N, r.Repeat)]))),
                Median(g.Select(r => (double)r.PeakRssBytes / python[(r.N, r.Repeat)].PeakRssBytes))))
            .ToArray();
    }

    private static CpuRow[] Speedups(IReadOnlyList<CpuRun> cpu) =>
        cpu.GroupBy(r => (r.Runtime, r.Way)).Select(g => new CpuRow(g.Key.Runtime, g.Key.Way, g.First().Dishes, g.First().Units,
                Median(g.Select(r => r.Wall)),
                Median(g.Select(r => cpu.Single(s => s.Runtime == r.Runtime && s.Repeat == r.Repeat && s.Way == "sequential").Wall / r.Wall))))
            .ToArray();

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>How a sweep was run: what scale.json calls its settings.</summary>
internal sealed record SweepSettings(int Repeats, double Seconds, int[] Sizes);

/// <summary>This machine, as scale.json records it (<see cref="ScaleMachine"/>, which lesson 07 reads back).</summary>
internal static class ThisMachine
{
    /// <summary>This machine, now, with Python's version (null: none) and the load averages taken around the sweep.</summary>
    public static ScaleMachine Describe(string? python, string[] loadAverages) =>
        new(Environment.ProcessorCount, Environment.OSVersion.ToString(), Environment.Version.ToString(), python, Child.GcMode, loadAverages,
            RuntimeInformation.OSDescription, ProcField("/proc/cpuinfo", "model name"),
            ProcField("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : null);

    /// <summary>The value of the first "name: value" line of a /proc file (Linux), or null when there is no such file or line.</summary>
    private static string? ProcField(string path, string name)
    {
        try
        {
            return File.Exists(path)
                ? File.ReadLines(path).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == name)?[1].Trim()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="Report.Load"/> reads back from scale.json (the summaries are computed again from the runs).</summary>
internal sealed record Saved(string? Command, DateTimeOffset Date, SweepSettings? Settings, ScaleMachine? Machine, bool? SameWork, GatherRun[]? Runs, CpuRun[]? CpuRuns);

/// <summary>One runtime at one N, medians of the repeats.</summary>
/// <param name="BytesPerDelivery">Peak RSS above the empty process, per delivery; null where that is below the noise.</param>
/// <param name="BytesPerDeliveryNote">Why <paramref name="BytesPerDelivery"/> is null; null when it is a figure.</param>
internal sealed record GatherRow(string Runtime, int N, int Runs, double WallSeconds, double OverheadSeconds, double CpuSeconds, long PeakRssBytes,
    double? BytesPerDelivery, string? BytesPerDeliveryNote, long BaselinePeakRssBytes)
{
    /// <summary>The runtime as tables and charts name it, saved with the row so that a reader of scale.json needs no list of names.</summary>
    public string Label => Runtimes.Label(Runtime);
}

internal sealed record RatioRow(string Runtime, int N, double Wall, double Overhead, double PeakRss);

internal sealed record CpuRow(string Runtime, string Way, int Dishes, int Units, double WallSeconds, double Speedup)
{
    /// <summary>The runtime as the charts name it, saved with the row.</summary>
    public string Label => Runtime == Runtimes.Python ? "Python" : "C#";
}
