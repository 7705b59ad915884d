using System.Globalization;
using System.Text.Json;

namespace DeliveryTimelines;

/// <summary>
/// A saved run of the scale benchmark (<c>bench/ScaleBench</c>), as its <c>scale.json</c> records it: where and when it
/// ran, and its medians per runtime and number of deliveries. Lesson 08 charts one; <see cref="Latest"/> says which.
/// </summary>
/// <remarks>
/// The benchmark writes the file; this type reads its summaries (the benchmark's own <c>--from</c> reads its runs).
/// The course ships the benchmark's last full run as <c>bench/results/scale-YYYY-MM-DD.json</c>; a learner's own run
/// writes <c>artifacts/bench/scale.json</c>, which then takes its place.
/// </remarks>
/// <param name="Command">The command that took the runs.</param>
/// <param name="Date">When the runs were taken.</param>
/// <param name="Machine">Where they were taken.</param>
/// <param name="Seconds">How long each delivery waited: the ideal wall time.</param>
/// <param name="Repeats">Runs per runtime and size; the figures are their medians.</param>
/// <param name="Gather">Per runtime and size, in the file's order (by size, then runtime).</param>
/// <param name="Cpu">The CPU-bound rows; empty when the run skipped them.</param>
/// <param name="Path">The file these were read from.</param>
/// <param name="IsOwnRun">True for the learner's own run (<c>artifacts/bench/scale.json</c>), false for one the course ships.</param>
public sealed record ScaleResults(string Command, DateTimeOffset Date, ScaleMachine Machine, double Seconds, int Repeats,
    IReadOnlyList<ScaleGatherRow> Gather, IReadOnlyList<ScaleCpuRow> Cpu, string Path, bool IsOwnRun)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Where a learner's own run of the benchmark writes its results, under <paramref name="repositoryRoot"/>.</summary>
    public static string OwnRunFile(string repositoryRoot) => System.IO.Path.Combine(repositoryRoot, "artifacts", "bench", "scale.json");

    /// <summary>The folder of the runs the course ships, under <paramref name="repositoryRoot"/>.</summary>
    public static string RecordedFolder(string repositoryRoot) => System.IO.Path.Combine(repositoryRoot, "bench", "results");

    /// <summary>
    /// The results to show: the learner's own run when there is one, otherwise the newest run the course ships
    /// (by the date in its name, <c>scale-YYYY-MM-DD.json</c>); null when there is neither.
    /// </summary>
    /// <exception cref="FormatException">The file chosen is not a scale.json of the benchmark (the message names it).</exception>
    public static ScaleResults? Latest(string repositoryRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        string own = OwnRunFile(repositoryRoot);
        if (File.Exists(own))
        {
            return Load(own, isOwnRun: true);
        }

        string folder = RecordedFolder(repositoryRoot);
        string? recorded = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "scale-*.json").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return recorded is null ? null : Load(recorded, isOwnRun: false);
    }

    /// <summary>Reads a scale.json the benchmark wrote.</summary>
    /// <param name="path">The file.</param>
    /// <param name="isOwnRun">Whether it is the learner's own run (it only changes <see cref="Source"/>).</param>
    /// <exception cref="FormatException">The file is not a scale.json of the benchmark: not JSON, or a field is missing (the message names the file and the field).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ScaleResults Load(string path, bool isOwnRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Saved saved;
        try
        {
            saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path), JsonOptions)
                ?? throw new FormatException($"{path} holds null, not the benchmark's results.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a scale.json of the benchmark: {e.Message}", e);
        }

        string Missing(string field) => $"{path} is not a scale.json of the benchmark: it has no \"{field}\".";
        if (saved.Command is null || saved.Machine is null || saved.Settings is null || saved.Gather is null)
        {
            throw new FormatException(Missing(saved.Command is null ? "command" : saved.Machine is null ? "machine" : saved.Settings is null ? "settings" : "gather"));
        }

        if (saved.Gather.FirstOrDefault(r => r.Runtime is null) is not null)
        {
            throw new FormatException(Missing("gather[].runtime"));
        }

        ScaleGatherRow[] gather = [.. saved.Gather.Select(r => r with { Label = r.Label ?? r.Runtime })];
        ScaleCpuRow[] cpu = [.. (saved.Cpu ?? []).Select(r => r with { Label = r.Label ?? r.Runtime })];
        return new ScaleResults(saved.Command, saved.Date, saved.Machine, saved.Settings.Seconds, saved.Settings.Repeats, gather, cpu, path, isOwnRun);
    }

    /// <summary>The row of <paramref name="runtime"/> at <paramref name="n"/> deliveries, or null when the run has none.</summary>
    public ScaleGatherRow? Row(string runtime, int n) => Gather.FirstOrDefault(r => r.Runtime == runtime && r.N == n);

    /// <summary>
    /// One series per runtime, in <see cref="Runtimes"/>' order and named by its label, of <paramref name="value"/> by
    /// the number of deliveries: rows where it is null (a figure below the noise) have no point, and values below
    /// <paramref name="floor"/> are drawn at it (<see cref="ScaleSeries.Raised"/> counts them).
    /// </summary>
    /// <param name="value">The figure to draw, such as <c>r =&gt; r.OverheadSeconds</c>.</param>
    /// <param name="floor">The least value drawn, above 0 for a log axis, such as <see cref="ScaleSeries.OverheadFloorSeconds"/>.</param>
    public IReadOnlyList<ScaleSeries> Series(Func<ScaleGatherRow, double?> value, double floor)
    {
        ArgumentNullException.ThrowIfNull(value);
        return [.. Runtimes.Select(runtime =>
        {
            var points = Gather.Where(r => r.Runtime == runtime && value(r) is not null).OrderBy(r => r.N).ToArray();
            string label = Gather.First(r => r.Runtime == runtime).Label;
            return ScaleSeries.AtLeast(label, [.. points.Select(r => (double)r.N)], [.. points.Select(r => value(r)!.Value)], floor);
        })];
    }

    /// <summary>The runtimes in the order the file first names them (<c>python</c>, <c>csharp-delay</c>, <c>csharp-shared</c>).</summary>
    public IReadOnlyList<string> Runtimes => [.. Gather.Select(r => r.Runtime).Distinct()];

    /// <summary>
    /// Where these figures come from, for a chart's title or a caption: "your own run of …" or "recorded on …", with
    /// the machine, the versions and the load.
    /// </summary>
    public string Source => string.Create(CultureInfo.InvariantCulture,
        $"{(IsOwnRun ? "your own run of the benchmark, " : "recorded on ")}{Date.UtcDateTime:yyyy-MM-dd} ({Machine}; load average {string.Join(" → ", Machine.LoadAverages.Select(l => l.Split(' ')[0]))})");

    /// <summary>The file's layout, as far as this type reads it.</summary>
    private sealed record Saved(string? Command, DateTimeOffset Date, ScaleMachine? Machine, SavedSettings? Settings,
        ScaleGatherRow[]? Gather, ScaleCpuRow[]? Cpu);

    private sealed record SavedSettings(int Repeats, double Seconds);
}

/// <summary>The machine a benchmark run was taken on.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="Os">The kernel, such as <c>Unix 6.18.0</c>.</param>
/// <param name="Dotnet">The .NET runtime's version.</param>
/// <param name="Python">What <c>python3 --version</c> said; null when Python was missing.</param>
/// <param name="Gc">The C# processes' garbage collector.</param>
/// <param name="LoadAverages">The 1, 5 and 15 minute load averages before and after the run.</param>
/// <param name="OsDescription">The operating system by name; null in files from before it was recorded.</param>
/// <param name="CpuModel">The processor's model name; null where unknown.</param>
/// <param name="MemoryBytes">The machine's memory; null where unknown.</param>
public sealed record ScaleMachine(int Cores, string Os, string Dotnet, string? Python, string Gc, IReadOnlyList<string> LoadAverages,
    string? OsDescription, string? CpuModel, long? MemoryBytes)
{
    /// <summary>The processor, cores, memory, system and versions, in one line.</summary>
    public override string ToString() => string.Join(", ", new[]
    {
        CpuModel, string.Create(CultureInfo.InvariantCulture, $"{Cores} cores"),
        MemoryBytes is long bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F1} GiB") : null,
        OsDescription ?? Os, $".NET {Dotnet}", Python ?? "no Python",
    }.OfType<string>());
}

/// <summary>One runtime at one number of deliveries: medians of the benchmark's repeats.</summary>
/// <param name="Runtime">The benchmark's name for it: <c>python</c>, <c>csharp-delay</c> or <c>csharp-shared</c>.</param>
/// <param name="Label">The runtime as charts name it, such as "C# WhenAll + SharedTimers".</param>
/// <param name="N">Deliveries gathered.</param>
/// <param name="WallSeconds">From the first call to the last result.</param>
/// <param name="OverheadSeconds">The wall time above the ideal; it can be a hair below 0.</param>
/// <param name="CpuSeconds">The process's CPU time meanwhile, all threads.</param>
/// <param name="PeakRssBytes">The process's peak resident memory.</param>
/// <param name="BytesPerDelivery">Peak RSS above the empty process, per delivery; null where that is below the noise.</param>
/// <param name="BytesPerDeliveryNote">Why <paramref name="BytesPerDelivery"/> is null.</param>
public sealed record ScaleGatherRow(string Runtime, string Label, int N, double WallSeconds, double OverheadSeconds, double CpuSeconds,
    long PeakRssBytes, double? BytesPerDelivery, string? BytesPerDeliveryNote);

/// <summary>One way of cooking CPU-bound dishes: the median wall time and speedup over the same process's sequential run.</summary>
/// <param name="Runtime"><c>csharp</c> or <c>python</c>.</param>
/// <param name="Label">"C#" or "Python".</param>
/// <param name="Way">Such as <c>sequential</c>, <c>Parallel.For</c>, <c>ProcessPoolExecutor</c>.</param>
/// <param name="Dishes">Dishes cooked.</param>
/// <param name="WallSeconds">Median wall time.</param>
/// <param name="Speedup">Median speedup over sequential.</param>
public sealed record ScaleCpuRow(string Runtime, string Label, string Way, int Dishes, double WallSeconds, double Speedup);
