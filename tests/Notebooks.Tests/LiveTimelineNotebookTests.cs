using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// A live timeline on the real kernel (tests/Notebooks.Tests/TestNotebooks/live-timeline.ipynb): over stdio, the
/// kernel's display-update events redraw one display several times while the deliveries run; the executed notebook,
/// whether VS Code's or the headless runner's, keeps one chart per live display, the final one.
/// </summary>
public sealed partial class LiveTimelineNotebookTests
{
    private static readonly Lazy<Task<StdioNotebookRun>> StdioRun = new(async () =>
    {
        string path = await NotebookRuns.StageTestNotebook("live-timeline.ipynb");
        await using var timingLock = await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing);
        return await StdioNotebookExecution.RunAsync(path,
            new NotebookRunOptions(Path.Combine(NotebookRuns.ArtifactsDirectory, "test-notebooks", "out"), NotebookRuns.SecondsPerHour, NotebookRuns.Timeout));
    });

    private static readonly Lazy<Task<NotebookRunResult>> ReplRun = new(async () =>
    {
        string path = await NotebookRuns.StageTestNotebook("live-timeline.ipynb");
        await using var timingLock = await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing);
        return await NotebookExecution.RunAsync(path,
            new NotebookRunOptions(Path.Combine(NotebookRuns.ArtifactsDirectory, "test-notebooks", "out"), NotebookRuns.SecondsPerHour, NotebookRuns.Timeout));
    });

    [GeneratedRegex("\"elapsed\":([0-9.eE+-]+)")]
    private static partial Regex ElapsedClaim();

    [Fact]
    public async Task Over_stdio_one_display_is_updated_several_times_while_the_deliveries_run()
    {
        StdioNotebookRun run = await StdioRun.Value;
        Assert.True(run.Result.Succeeded, run.Result.Describe() + "\n" + run.Result.KernelLog);
        CellRun live = LiveCell(run, "var gathered").Run;

        KernelEvent shown = Assert.Single(live.OfType(KernelEnvelope.DisplayedValueProduced));
        KernelEvent[] updates = [.. live.OfType(KernelEnvelope.DisplayedValueUpdated)];
        Assert.True(updates.Length >= 3, $"{updates.Length} updates in a run of 3 story hours at {NotebookRuns.SecondsPerHour} s each, 10 a second");
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        Assert.All(updates.Prepend(shown), u => Assert.Equal(shown.ValueId, LiveDisplayFrame.DisplayIdOf(u.FormattedValues["text/html"])));

        // The frames came while the deliveries ran (not all at the end), and the chart grew to the whole run.
        double[] elapsed = [.. updates.Select(u => Elapsed(u.FormattedValues["text/html"]))];
        Assert.True(updates[^1].At - updates[0].At >= TimeSpan.FromSeconds(NotebookRuns.SecondsPerHour),
            $"updates from {updates[0].At} to {updates[^1].At}");
        Assert.True(elapsed[0] < elapsed[^1], $"chart elapsed by frame: {string.Join(", ", elapsed)}");
        Assert.InRange(elapsed[^1], 3 * 0.95, 3 * 1.5); // story hours: the timeline is on the story clock
        Assert.Contains("\"unit\":\"h\"", updates[^1].FormattedValues["text/html"], StringComparison.Ordinal);
        Assert.Contains("LIVE-RESULT 1,2,3", live.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VSCodes_executed_notebook_keeps_one_chart_per_live_display_the_final_frame()
    {
        StdioNotebookRun run = await StdioRun.Value;
        Assert.True(run.Result.Succeeded, run.Result.Describe());

        foreach (string firstLine in new[] { "var gathered", "var sequential", "var failing" })
        {
            StdioCell cell = LiveCell(run, firstLine);
            string[] charts = Charts(run.Result, cell.CellNumber);
            string last = cell.Run.OfType(KernelEnvelope.DisplayedValueUpdated).Last().FormattedValues["text/html"];
            Assert.Equal([last], charts);
        }
    }

    [Fact]
    public async Task The_headless_runner_keeps_only_the_final_frame_and_exports_it_once()
    {
        NotebookRunResult run = await ReplRun.Value;
        Assert.True(run.Succeeded, run.Describe());
        string dir = Directory.CreateTempSubdirectory("live-charts-").FullName;
        try
        {
            IReadOnlyList<string> exported = ChartExport.Write(run, dir);
            foreach (int cell in ChartCells(run))
            {
                string chart = Assert.Single(Charts(run, cell));
                Assert.Single(exported, f => f.EndsWith(string.Create(CultureInfo.InvariantCulture, $"-cell{cell:00}-1.html"), StringComparison.Ordinal));
                Assert.NotNull(LiveDisplayFrame.DisplayIdOf(chart));
            }

            // The single-timeline cell's chart is the whole run, all three meals over: the final frame.
            string gathered = Assert.Single(Charts(run, CellNumber(run, "var gathered")));
            Assert.Contains("\"bars\":3", gathered, StringComparison.Ordinal);
            Assert.InRange(Elapsed(gathered), 3 * 0.95, 3 * 1.5); // story hours
            Assert.Equal(3, ChartCells(run).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_failing_delivery_ends_on_the_final_chart_then_its_exception()
    {
        StdioNotebookRun run = await StdioRun.Value;
        CellRun failing = LiveCell(run, "var failing").Run;

        Assert.Contains("LIVE-FAILED DeliveryFailedException", failing.StandardOutput, StringComparison.Ordinal);
        string final = failing.OfType(KernelEnvelope.DisplayedValueUpdated).Last().FormattedValues["text/html"];
        Assert.Contains("\"name\":\"failed\"", final, StringComparison.Ordinal); // B's failure mark is on the final chart
        Assert.InRange(Elapsed(final), 0.95, 1.5); // and A's meal, which ended after it
    }

    [Fact]
    public async Task The_live_chart_publishes_through_the_kernels_own_assembly_loaded_once()
    {
        StdioNotebookRun run = await StdioRun.Value;
        string line = LiveCell(run, "var loaded").Run.StandardOutput.Split('\n').Single(l => l.StartsWith("KERNEL-ASSEMBLIES ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line["KERNEL-ASSEMBLIES ".Length..]);
        JsonElement root = json.RootElement;

        string location = Assert.Single(root.GetProperty("Loaded").EnumerateArray()).GetString()!;
        Assert.Contains("microsoft.dotnet-interactive", location, StringComparison.OrdinalIgnoreCase); // the tool's own copy
        Assert.False(location.StartsWith(root.GetProperty("Library").GetString()!, StringComparison.Ordinal));
        Assert.Equal(root.GetProperty("Referenced").GetString(), root.GetProperty("Version").GetString());
    }

    [Fact]
    public async Task Live_redraws_cost_the_deliveries_next_to_nothing()
    {
        // live-cost.ipynb runs the same gathered deliveries quiet and live (4 redraws a second), alternating, over stdio.
        string path = await NotebookRuns.StageTestNotebook("live-cost.ipynb");
        StdioNotebookRun run;
        await using (await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing))
        {
            run = await StdioNotebookExecution.RunAsync(path, new NotebookRunOptions(
                Path.Combine(NotebookRuns.ArtifactsDirectory, "test-notebooks", "out"), NotebookRuns.SecondsPerHour, NotebookRuns.Timeout));
        }

        Assert.True(run.Result.Succeeded, run.Result.Describe());
        string line = run.Result.PrintedText().Split('\n').Single(l => l.StartsWith("LIVE-COST ", StringComparison.Ordinal));
        using var costs = JsonDocument.Parse(line["LIVE-COST ".Length..]);
        foreach (JsonElement cost in costs.RootElement.EnumerateArray())
        {
            TestContext.Current.SendDiagnosticMessage($"live redraws at {NotebookRuns.SecondsPerHour} s per story hour: {cost}");
            // Elapsed is what the chart shows: the deliveries themselves must not be slowed. Wall time also pays for the
            // final redraw, a few milliseconds at most.
            Assert.InRange(cost.GetProperty("ElapsedRatio").GetDouble(), 0.95, 1.05);
            Assert.InRange(cost.GetProperty("WallRatio").GetDouble(), 0.95, 1.10);
        }
    }

    private static StdioCell LiveCell(StdioNotebookRun run, string firstLine) =>
        run.Cells.Single(c => c.FirstLine.StartsWith(firstLine, StringComparison.Ordinal));

    private static int CellNumber(NotebookRunResult run, string firstLine)
    {
        var cells = NotebookFile.Cells(run.Executed!);
        return cells.Select((c, i) => (c, i)).Single(x => NotebookFile.Source(x.c!).StartsWith(firstLine, StringComparison.Ordinal)).i + 1;
    }

    private static string[] Charts(NotebookRunResult run, int cellNumber) =>
        [.. run.HtmlOutputs().Where(o => o.CellNumber == cellNumber && o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal)).Select(o => o.Html)];

    private static IReadOnlyList<int> ChartCells(NotebookRunResult run) =>
        [.. run.HtmlOutputs().Where(o => o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal)).Select(o => o.CellNumber).Distinct()];

    private static double Elapsed(string html) =>
        double.Parse(ElapsedClaim().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);
}
