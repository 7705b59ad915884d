using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// Every lesson runs as VS Code runs it: its own kernel started with <c>dotnet-interactive [vscode] stdio
/// --working-dir &lt;notebook folder&gt;</c>, each code cell submitted in turn over the JSON protocol.
/// </summary>
public sealed class StdioNotebookTests
{
    public static IEnumerable<object[]> Notebooks => NotebookRuns.Names();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_cell_by_cell_over_stdio_from_its_own_folder(string notebook)
    {
        StdioNotebookRun run = await NotebookRuns.Stdio(notebook);
        int codeCells = NotebookFile.Cells(NotebookExecution.Prepare(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb"),
            new NotebookRunOptions(NotebookRuns.ArtifactsDirectory, NotebookRuns.SecondsPerHour))).Count(c => NotebookFile.IsCode(c!));

        Assert.True(run.Result.Succeeded, run.Result.Describe() + "\n" + run.Result.KernelLog);
        Assert.Equal(codeCells, run.Cells.Count);
        Assert.All(run.Cells, c => Assert.True(c.Run.Passed, $"cell {c.CellNumber} ({c.FirstLine}): {c.Run.Failure}"));
        Assert.Empty(run.LateEvents.Select(e => $"{e.EventType} after its cell ended"));
        TestContext.Current.SendDiagnosticMessage(
            $"{notebook} over stdio: {run.Cells.Count} cells in {run.Result.Duration.TotalSeconds:F1} s (kernel ready after {run.KernelStart.TotalSeconds:F1} s)");
    }
}
