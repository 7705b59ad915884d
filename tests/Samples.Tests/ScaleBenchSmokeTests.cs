using System.Text.Json;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// The scale benchmark's one command, at its smallest (1,000 deliveries, one repeat, no CPU rows): it runs, says what
/// it does, and writes its results and charts. The full sweep takes minutes and is not run here; its figures are in
/// bench/README.md.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed class ScaleBenchSmokeTests
{
    [Fact]
    public async Task A_quick_sweep_writes_its_results_and_offline_charts()
    {
        string output = Directory.CreateTempSubdirectory("scalebench-").FullName;
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        try
        {
            SampleOutput run;
            await using (await RepositoryLock.AcquireAsync(SampleProcess.Root, RepositoryLock.Timing, cancellation))
            {
                run = await ScaleBenchProgram.RunAsync("--max", "1000", "--repeats", "1", "--seconds", "0.05", "--no-cpu", "--out", output);
            }

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains(SampleProcess.HasPython3 ? "Python: Python 3" : "python3 was not found on PATH", run.Stdout, StringComparison.Ordinal);
            using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "scale.json")));
            var rows = results.RootElement.GetProperty("gather").EnumerateArray().ToArray();
            Assert.Equal(SampleProcess.HasPython3 ? 3 : 2, rows.Length);
            Assert.All(rows, r => Assert.Equal(1000, r.GetProperty("n").GetInt32()));
            Assert.All(rows, r => Assert.InRange(r.GetProperty("wallSeconds").GetDouble(), 0.045, 5)); // never far below the 0.05 s wait
            Assert.Equal("workstation, Batch", results.RootElement.GetProperty("machine").GetProperty("gc").GetString());
            Assert.Equal(rows.Length + 1, File.ReadAllLines(Path.Combine(output, "scale.csv")).Length);
            foreach (string chart in new[] { "scale-overhead.html", "scale-bytes.html" })
            {
                string html = File.ReadAllText(Path.Combine(output, chart));
                Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
                Assert.Contains("\"type\":\"log\"", html, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [PythonFact]
    public async Task The_Python_benchmark_s_gather_line_is_read_by_the_one_reader()
    {
        string script = Path.Combine(SampleProcess.Root, "bench", "python", "scale.py");
        SampleOutput run = await SampleProcess.RunAsync("python3", [script, "gather", "2000", "--seconds", "0.05"], SampleProcess.Root);

        Assert.True(run.ExitCode == 0, run.ToString());
        PythonScaleResult result = PythonScaleResult.Parse(run.Stdout);
        Assert.Equal(2000, result.N);
        Assert.InRange(result.WallSeconds, 0.05, 5); // asyncio.sleep never ends early
        Assert.True(result.PeakRssBytes > 1_000_000, $"peak RSS {result.PeakRssBytes} B");
    }
}

/// <summary>The benchmark as its README runs it: built once in Release (under the build lock), then run.</summary>
internal static class ScaleBenchProgram
{
    private static readonly string Project = Path.Combine(SampleProcess.Root, "bench", "ScaleBench");

    private static readonly Lazy<Task> Build = new(async () =>
    {
        await using var buildLock = await RepositoryLock.AcquireAsync(SampleProcess.Root, RepositoryLock.Build);
        await ChildProcess.RunAsync("dotnet", ["build", "-c", "Release", Project], new ChildProcessOptions { WorkingDirectory = SampleProcess.Root });
    });

    /// <summary>Runs <c>dotnet run -c Release --project bench/ScaleBench -- args</c>, whatever its exit code.</summary>
    public static async Task<SampleOutput> RunAsync(params string[] args)
    {
        await Build.Value;
        return await SampleProcess.RunAsync("dotnet", ["run", "--no-build", "-c", "Release", "--project", Project, "--", .. args], SampleProcess.Root);
    }
}
