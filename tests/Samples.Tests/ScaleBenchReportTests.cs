using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// The benchmark's report from a saved sweep (<c>--from scale.json</c>), with runs made up so that every case is
/// there: a figure per delivery that means something, one whose peak is below the empty process's, and one whose
/// excess is within what the empty process itself varied by.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class ScaleBenchReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalebench-report-").FullName;

    [Fact]
    public async Task A_saved_sweep_is_reported_again_from_its_results_file_measuring_nothing()
    {
        var (run, output) = await ReportAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Gathering N deliveries that each wait 1 s (medians of 2; C# GC: workstation, Batch):", run.Lines);
        Assert.Contains("(load average before and after: 0.50 0.40 0.30 → 0.60 0.50 0.40 on 2 cores)", run.Lines);
        Assert.Contains(run.Lines, l => Row(l, "Python asyncio.gather", "1,000") && l.EndsWith(" 1611", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => Row(l, "C# WhenAll + Task.Delay each", "100,000") && l.EndsWith(" 342", StringComparison.Ordinal));
        Assert.DoesNotContain("repeat 1:", run.Stdout, StringComparison.Ordinal); // nothing was measured
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "scale.json")));
        Assert.Equal(Saved["command"]!.GetValue<string>(), saved.RootElement.GetProperty("command").GetString());
        Assert.Equal("2026-11-25T10:00:00+00:00", saved.RootElement.GetProperty("date").GetString());
        Assert.Equal(Saved["runs"]!.AsArray().Count, saved.RootElement.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task A_bytes_per_delivery_figure_below_the_noise_is_said_so_in_the_table_the_CSV_and_the_JSON_and_left_out_of_the_chart()
    {
        var (run, output) = await ReportAsync();
        Assert.True(run.ExitCode == 0, run.ToString());

        // The table: said in words, never a negative or a made-up figure.
        Assert.DoesNotContain("-250", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(run.Lines, l => Row(l, "C# WhenAll + Task.Delay each", "1,000") && l.EndsWith(" below noise", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => Row(l, "C# WhenAll + SharedTimers", "1,000") && l.EndsWith(" below noise", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => Row(l, "C# WhenAll + SharedTimers", "100,000") && l.EndsWith(" 194", StringComparison.Ordinal));

        // The JSON: null, with the reason.
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "scale.json")));
        var rows = saved.RootElement.GetProperty("gather").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("runtime").GetString(), r.GetProperty("n").GetInt32()));
        JsonElement below = rows[("csharp-delay", 1000)], within = rows[("csharp-shared", 1000)], meaningful = rows[("csharp-delay", 100_000)];
        Assert.Equal(JsonValueKind.Null, below.GetProperty("bytesPerDelivery").ValueKind);
        Assert.Equal("below noise: the peak RSS (50.8 MB) is not above the empty process's (51.0 MB)", below.GetProperty("bytesPerDeliveryNote").GetString());
        Assert.Equal(JsonValueKind.Null, within.GetProperty("bytesPerDelivery").ValueKind);
        Assert.Equal("below noise: the peak RSS is 0.4 MB above the empty process's, within the 2.0 MB its own runs varied by",
            within.GetProperty("bytesPerDeliveryNote").GetString());
        Assert.Equal(342, meaningful.GetProperty("bytesPerDelivery").GetDouble());
        Assert.Equal(JsonValueKind.Null, meaningful.GetProperty("bytesPerDeliveryNote").ValueKind);

        // The CSV: an empty field, and the reason in the last column.
        string[] csv = File.ReadAllLines(Path.Combine(output, "scale.csv"));
        Assert.Equal("runtime,n,runs,wall_s,overhead_s,cpu_s,peak_rss_bytes,bytes_per_delivery,bytes_per_delivery_note", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("csharp-delay,1000,", StringComparison.Ordinal)
            && l.EndsWith(",,\"below noise: the peak RSS (50.8 MB) is not above the empty process's (51.0 MB)\"", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("csharp-delay,100000,", StringComparison.Ordinal) && l.EndsWith(",342.0,", StringComparison.Ordinal));

        // The chart: on a log axis only figures that mean something; the C# series keep their 100,000 point alone.
        string chart = File.ReadAllText(Path.Combine(output, "scale-bytes.html"));
        Assert.Equal([1000.0, 100_000.0], ChartPoints(chart, "Python asyncio.gather"));
        Assert.Equal([100_000.0], ChartPoints(chart, "C# WhenAll + Task.Delay each"));
        Assert.Equal([100_000.0], ChartPoints(chart, "C# WhenAll + SharedTimers"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Two repeats, as a sweep with <c>--max 100000 --repeats 2 --no-cpu</c> would record them. The C# empty process
    /// peaks at 50 and 52 MB (median 51, spread 2); Python's at 10 MB both times.
    /// </summary>
    private static readonly JsonObject Saved = new()
    {
        ["command"] = "dotnet run -c Release --project bench/ScaleBench -- --max 100000 --repeats 2 --seconds 1",
        ["date"] = "2026-11-25T10:00:00+00:00",
        ["machine"] = new JsonObject
        {
            ["cores"] = 2, ["os"] = "Unix 6.1.0", ["dotnet"] = "10.0.12", ["python"] = "Python 3.11.7", ["gc"] = "workstation, Batch",
            ["loadAverages"] = new JsonArray("0.50 0.40 0.30", "0.60 0.50 0.40"),
        },
        ["settings"] = new JsonObject { ["repeats"] = 2, ["seconds"] = 1.0, ["sizes"] = new JsonArray(1000, 100_000) },
        ["sameWork"] = null,
        ["runs"] = new JsonArray(
            Run("csharp-baseline", 0, 1, 50_000_000), Run("csharp-baseline", 0, 2, 52_000_000),
            Run("python", 0, 1, 10_000_000), Run("python", 0, 2, 10_000_000),
            Run("python", 1000, 1, 11_611_000), Run("python", 1000, 2, 11_611_000),
            Run("csharp-delay", 1000, 1, 50_750_000), Run("csharp-delay", 1000, 2, 50_750_000),      // 0.25 MB below the empty process
            Run("csharp-shared", 1000, 1, 51_400_000), Run("csharp-shared", 1000, 2, 51_400_000),    // 0.4 MB above it: less than its 2 MB spread
            Run("python", 100_000, 1, 171_100_000), Run("python", 100_000, 2, 171_100_000),
            Run("csharp-delay", 100_000, 1, 85_200_000), Run("csharp-delay", 100_000, 2, 85_200_000),
            Run("csharp-shared", 100_000, 1, 70_400_000), Run("csharp-shared", 100_000, 2, 70_400_000)),
        ["cpuRuns"] = new JsonArray(),
    };

    private static JsonObject Run(string runtime, int n, int repeat, long peakRssBytes) => new()
    {
        ["runtime"] = runtime, ["n"] = n, ["repeat"] = repeat, ["wall"] = 1.0 + n / 1e6, ["cpu"] = n / 1e6, ["peakRssBytes"] = peakRssBytes,
    };

    private async Task<(SampleOutput Run, string Output)> ReportAsync()
    {
        string file = Path.Combine(_dir, "saved-scale.json"), output = Path.Combine(_dir, "report");
        await File.WriteAllTextAsync(file, Saved.ToJsonString(), TestContext.Current.CancellationToken);
        return (await ScaleBenchProgram.RunAsync("--from", file, "--out", output), output);
    }

    private static bool Row(string line, string label, string n) =>
        line.StartsWith(label, StringComparison.Ordinal) && line[label.Length..].TrimStart().StartsWith(n + " ", StringComparison.Ordinal);

    /// <summary>The x values of the chart's trace named <paramref name="name"/>, from the figure's JSON in the page.</summary>
    private static double[] ChartPoints(string html, string name)
    {
        Match trace = Regex.Match(html, "\\{\"type\":\"scatter\",\"name\":\"" + Regex.Escape(name) + "\"[^}]*?\"x\":\\[([^\\]]*)\\]");
        Assert.True(trace.Success, $"no trace '{name}' in the chart");
        return trace.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    }
}
