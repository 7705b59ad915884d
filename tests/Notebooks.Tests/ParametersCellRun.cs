using System.Text.Json.Nodes;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// A lesson's parameters cell run on the real kernel with one value changed, as a learner would edit it: the setup
/// cell, then the edited parameters cell, nothing else. A bad value must stop the notebook right there, in that cell,
/// with a message naming it (the lesson's parameters cell ends with the library's <c>Parameters</c> checks).
/// </summary>
internal static class ParametersCellRun
{
    private static int _trials;

    /// <summary>
    /// Runs <paramref name="notebook"/>'s setup cell and its parameters cell with <paramref name="replace"/> (which must
    /// occur exactly once in it) replaced by <paramref name="with"/>, and returns the error the parameters cell ended in.
    /// Fails the test when the edit does not apply, when the setup cell fails, or when the parameters cell does not.
    /// </summary>
    public static async Task<CellError> FailureWith(string notebook, string replace, string with)
    {
        JsonObject lesson = NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb"));
        JsonArray cells = NotebookFile.Cells(lesson);
        JsonNode setup = cells.First(c => NotebookFile.IsCode(c!))!;
        JsonNode parameters = Assert.Single(cells, c => NotebookFile.IsParameters(c!))!;
        string source = NotebookFile.Source(parameters);
        int at = source.IndexOf(replace, StringComparison.Ordinal);
        Assert.True(at >= 0 && at == source.LastIndexOf(replace, StringComparison.Ordinal),
            $"{notebook}'s parameters cell should hold '{replace}' exactly once:\n{source}");

        JsonObject edited = NotebookFile.CodeCell(source[..at] + with + source[(at + replace.Length)..]);
        edited["metadata"]!["tags"] = new JsonArray("parameters");
        var trial = new JsonObject
        {
            ["cells"] = new JsonArray(NotebookFile.CodeCell(NotebookFile.Source(setup)), edited),
            ["metadata"] = lesson["metadata"]!.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 2,
        };

        // Staged beside the test notebooks, whose folder has the repository's lib/ at ../lib as a lesson's has.
        string folder = Path.GetDirectoryName(await NotebookRuns.StageTestNotebook("exercises.ipynb"))!;
        string path = Path.Combine(folder, $"{notebook}-parameters-{Interlocked.Increment(ref _trials)}.ipynb");
        NotebookFile.Save(trial, path);
        NotebookRunResult run;
        await using (await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing))
        {
            run = await NotebookExecution.RunAsync(path, new NotebookRunOptions(
                Path.Combine(NotebookRuns.ArtifactsDirectory, "test-notebooks", "out"), Timeout: NotebookRuns.Timeout));
        }

        Assert.False(run.TimedOut, run.Describe());
        CellError error = Assert.Single(run.Errors);
        Assert.True(error.CellNumber == 2, $"expected the parameters cell (cell 2) to fail: {run.Describe()}");
        return error;
    }
}
