using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// A Korean notebook runs on the real kernel from its own folder, notebooks/ko/, one level deeper than the English
/// ones: its <c>#!import ../../lib/setup.dib</c> finds, builds and loads lib/ there, headless (dotnet-repl) and as VS
/// Code runs it (<c>dotnet-interactive stdio --working-dir notebooks/ko</c>). Its code is the English notebook's
/// (<see cref="KoreanEditionTests"/>), whose claims and solutions the English tests prove, so one notebook proves the path.
/// </summary>
public sealed class KoreanEditionRunTests
{
    private const string Notebook = "07-beyond-gather";

    private static string NotebookPath => Path.Combine(Editions.NotebookFolder(NotebookRuns.Root, Editions.Korean), Notebook + ".ipynb");

    private static NotebookRunOptions Options => new(Path.Combine(NotebookRuns.ArtifactsDirectory, "notebooks", Editions.Korean), NotebookRuns.SecondsPerHour, NotebookRuns.Timeout);

    [Fact]
    public async Task A_Korean_notebook_runs_headless_from_notebooks_ko()
    {
        NotebookRunResult run = await Timed(cancellation => NotebookExecution.RunAsync(NotebookPath, Options, cancellation));

        Assert.True(run.Succeeded, run.Describe());
        AssertLoadedAndRanToTheEnd(run);
    }

    [Fact]
    public async Task A_Korean_notebook_runs_cell_by_cell_over_stdio_from_notebooks_ko()
    {
        StdioNotebookRun run = await Timed(cancellation => StdioNotebookExecution.RunAsync(NotebookPath, Options, cancellation));

        Assert.True(run.Result.Succeeded, run.Result.Describe() + "\n" + run.Result.KernelLog);
        Assert.All(run.Cells, c => Assert.True(c.Run.Passed, $"cell {c.CellNumber} ({c.FirstLine}): {c.Run.Failure}"));
        AssertLoadedAndRanToTheEnd(run.Result);
    }

    // A run once the repository is ready for notebooks, under the timing lock the other kernel tests share.
    private static async Task<T> Timed<T>(Func<CancellationToken, Task<T>> run)
    {
        await NotebookRuns.Ready();
        await using (await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing))
        {
            return await run(TestContext.Current.CancellationToken);
        }
    }

    // The setup cell said the library loaded, and the last cell (which needs the library and every cell before it) ran.
    private static void AssertLoadedAndRanToTheEnd(NotebookRunResult run)
    {
        Assert.Contains(run.HtmlOutputs(), o => o.Html.Contains("DeliveryTimelines loaded", StringComparison.Ordinal));
        Assert.Contains("menu server stopped after", run.PrintedText(), StringComparison.Ordinal);
    }
}
