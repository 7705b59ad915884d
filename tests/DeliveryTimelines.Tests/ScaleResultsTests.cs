using System.Text.Json.Nodes;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>Reading the scale benchmark's saved results, and choosing which ones lesson 08 shows.</summary>
public sealed class ScaleResultsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("scale-results-").FullName;

    [Fact]
    public void The_newest_recorded_run_is_shown_when_the_learner_has_none()
    {
        Write(Path.Combine(_root, "bench", "results", "scale-2026-01-05.json"), Results("2026-01-05T10:00:00+00:00"));
        Write(Path.Combine(_root, "bench", "results", "scale-2026-11-29.json"), Results("2026-11-29T10:00:00+00:00"));

        ScaleResults shown = ScaleResults.Latest(_root)!;

        Assert.False(shown.IsOwnRun);
        Assert.EndsWith("scale-2026-11-29.json", shown.Path, StringComparison.Ordinal);
        Assert.StartsWith("recorded on 2026-11-29 (AMD EPYC, 2 cores, 23.5 GiB, Debian GNU/Linux 12 (bookworm), .NET 10.0.12, Python 3.11.7; load average 0.50 → 0.60)",
            shown.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_learner_s_own_run_replaces_the_recorded_one_and_says_so()
    {
        Write(Path.Combine(_root, "bench", "results", "scale-2026-11-29.json"), Results("2026-11-29T10:00:00+00:00"));
        Write(ScaleResults.OwnRunFile(_root), Results("2026-12-01T08:00:00+00:00"));

        ScaleResults shown = ScaleResults.Latest(_root)!;

        Assert.True(shown.IsOwnRun);
        Assert.StartsWith("your own run of the benchmark, 2026-12-01 (", shown.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_keep_their_labels_medians_and_a_figure_below_the_noise_as_null()
    {
        Write(ScaleResults.OwnRunFile(_root), Results("2026-11-29T10:00:00+00:00"));

        ScaleResults shown = ScaleResults.Latest(_root)!;

        Assert.Equal(["python", "csharp-delay"], shown.Runtimes);
        Assert.Equal(1.0, shown.Seconds);
        Assert.Equal(3, shown.Repeats);
        ScaleGatherRow python = shown.Row("python", 1_000_000)!;
        Assert.Equal(("Python asyncio.gather", 41.04, 1676.0), (python.Label, python.OverheadSeconds, python.BytesPerDelivery!.Value));
        Assert.Null(shown.Row("csharp-delay", 1_000)!.BytesPerDelivery);
        Assert.Null(shown.Row("csharp-shared", 1_000));
        Assert.Equal(("C#", "Parallel.For", 1.98), (shown.Cpu[0].Label, shown.Cpu[0].Way, shown.Cpu[0].Speedup));
    }

    [Fact]
    public void Series_are_one_per_runtime_by_label_without_figures_below_the_noise_and_raised_to_the_floor()
    {
        Write(ScaleResults.OwnRunFile(_root), Results("2026-11-29T10:00:00+00:00"));
        ScaleResults shown = ScaleResults.Latest(_root)!;

        IReadOnlyList<ScaleSeries> overhead = shown.Series(r => r.OverheadSeconds, floor: 0.01);
        IReadOnlyList<ScaleSeries> bytes = shown.Series(r => r.BytesPerDelivery, floor: 1);

        Assert.Equal(["Python asyncio.gather", "C# WhenAll + Task.Delay each"], overhead.Select(s => s.Name));
        Assert.Equal([1_000.0, 1_000_000], overhead[0].X);
        Assert.Equal([1.02, 41.04], overhead[0].Y);
        Assert.Equal(0, overhead[0].Raised);
        Assert.Equal([0.01, 1.67], overhead[1].Y);   // 0.003 s is drawn at the floor, and counted
        Assert.Equal(1, overhead[1].Raised);
        Assert.Equal([1_000_000.0], bytes[1].X);    // the row below the noise has no point
    }

    [Fact]
    public void Older_files_without_labels_or_the_machine_s_details_still_read()
    {
        JsonObject old = Results("2026-11-25T10:00:00+00:00");
        foreach (JsonNode? row in old["gather"]!.AsArray())
        {
            row!.AsObject().Remove("label");
        }

        old["machine"]!.AsObject().Remove("cpuModel");
        old["machine"]!.AsObject().Remove("osDescription");
        old["machine"]!.AsObject().Remove("memoryBytes");
        string path = Path.Combine(_root, "old.json");
        Write(path, old);

        ScaleResults results = ScaleResults.Load(path, isOwnRun: false);

        Assert.Equal("python", results.Row("python", 1_000)!.Label);
        Assert.Equal("2 cores, Unix 6.1.0, .NET 10.0.12, Python 3.11.7", results.Machine.ToString());
    }

    [Fact]
    public void A_file_that_is_not_the_benchmark_s_is_refused_with_its_name_and_what_is_missing()
    {
        string path = Path.Combine(_root, "odd.json");
        JsonObject noGather = Results("2026-11-29T10:00:00+00:00");
        noGather.Remove("gather");
        Write(path, noGather);
        var missing = Assert.Throws<FormatException>(() => ScaleResults.Load(path, isOwnRun: false));
        File.WriteAllText(path, "not json");
        var notJson = Assert.Throws<FormatException>(() => ScaleResults.Load(path, isOwnRun: false));

        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
        Assert.Contains("no \"gather\"", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is not a scale.json of the benchmark", notJson.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_results_at_all_there_is_nothing_to_show() => Assert.Null(ScaleResults.Latest(_root));

    [Fact]
    public void The_results_the_course_ships_read_and_hold_every_runtime_up_to_a_million()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !Directory.Exists(Path.Combine(root, "bench", "results")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.NotNull(root);
        string[] shipped = Directory.GetFiles(ScaleResults.RecordedFolder(root), "scale-*.json");
        Assert.NotEmpty(shipped);
        foreach (string file in shipped)
        {
            ScaleResults results = ScaleResults.Load(file, isOwnRun: false);
            Assert.Equal(["csharp-delay", "csharp-shared", "python"], results.Runtimes.Order(StringComparer.Ordinal));
            Assert.Equal(1_000_000, results.Gather.Max(r => r.N));
            Assert.Equal(Path.GetFileName(file), $"scale-{results.Date.UtcDateTime:yyyy-MM-dd}.json"); // the name carries the run's date
            Assert.NotNull(results.Machine.CpuModel);
            Assert.Equal(2, results.Machine.LoadAverages.Count);
            Assert.NotEmpty(results.Cpu);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Write(string path, JsonObject json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>A scale.json as the benchmark writes it (camelCase, labels saved with the rows), trimmed to a few rows.</summary>
    private static JsonObject Results(string date) => new()
    {
        ["command"] = "dotnet run -c Release --project bench/ScaleBench -- --max 1000000 --repeats 3 --seconds 1",
        ["date"] = date,
        ["machine"] = new JsonObject
        {
            ["cores"] = 2, ["os"] = "Unix 6.1.0", ["dotnet"] = "10.0.12", ["python"] = "Python 3.11.7", ["gc"] = "workstation, Batch",
            ["loadAverages"] = new JsonArray("0.50 0.40 0.30", "0.60 0.50 0.40"),
            ["osDescription"] = "Debian GNU/Linux 12 (bookworm)", ["cpuModel"] = "AMD EPYC", ["memoryBytes"] = 25_276_502_016,
        },
        ["settings"] = new JsonObject { ["repeats"] = 3, ["seconds"] = 1.0, ["sizes"] = new JsonArray(1000, 1_000_000) },
        ["gather"] = new JsonArray(
            Row("python", "Python asyncio.gather", 1_000, 1.02, 1611),
            Row("csharp-delay", "C# WhenAll + Task.Delay each", 1_000, 0.003, null),
            Row("python", "Python asyncio.gather", 1_000_000, 41.04, 1676),
            Row("csharp-delay", "C# WhenAll + Task.Delay each", 1_000_000, 1.67, 324)),
        ["cpu"] = new JsonArray(new JsonObject
        {
            ["runtime"] = "csharp", ["way"] = "Parallel.For", ["dishes"] = 8, ["units"] = 100, ["wallSeconds"] = 0.408, ["speedup"] = 1.98, ["label"] = "C#",
        }),
    };

    private static JsonObject Row(string runtime, string label, int n, double overhead, double? bytes) => new()
    {
        ["runtime"] = runtime, ["n"] = n, ["runs"] = 3, ["wallSeconds"] = 1 + overhead, ["overheadSeconds"] = overhead, ["cpuSeconds"] = overhead,
        ["peakRssBytes"] = 50_000_000, ["bytesPerDelivery"] = bytes, ["bytesPerDeliveryNote"] = bytes is null ? "below noise: …" : null,
        ["baselinePeakRssBytes"] = 40_000_000, ["label"] = label,
    };
}
