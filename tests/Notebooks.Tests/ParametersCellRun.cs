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
    public static async Task<CellError> FailureWith(string notebook, string replace, string with) =>
        (await FailuresWith(notebook, (replace, with)))[0];

    /// <summary>
    /// Runs <paramref name="notebook"/>'s setup cell, its parameters cell as it is, then its parameters cell once per
    /// edit (each <c>Replace</c>, which must occur exactly once, replaced by its <c>With</c>), all on one kernel, and
    /// returns the error each edited cell ended in, in order. Fails the test when an edit does not apply, when the setup
    /// or the untouched parameters cell fails, or when an edited one does not.
    /// </summary>
    public static async Task<CellError[]> FailuresWith(string notebook, params (string Replace, string With)[] edits)
    {
        Assert.NotEmpty(edits);
        JsonObject lesson = NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb"));
        JsonArray cells = NotebookFile.Cells(lesson);
        JsonNode setup = cells.First(c => NotebookFile.IsCode(c!))!;
        JsonNode parameters = Assert.Single(cells, c => NotebookFile.IsParameters(c!))!;
        string source = NotebookFile.Source(parameters);
        var trialCells = new JsonArray(NotebookFile.CodeCell(NotebookFile.Source(setup)), ParametersCell(source));
        foreach (var (replace, with) in edits)
        {
            int at = source.IndexOf(replace, StringComparison.Ordinal);
            Assert.True(at >= 0 && at == source.LastIndexOf(replace, StringComparison.Ordinal),
                $"{notebook}'s parameters cell should hold '{replace}' exactly once:\n{source}");
            trialCells.Add(ParametersCell(source[..at] + with + source[(at + replace.Length)..]));
        }

        var trial = new JsonObject
        {
            ["cells"] = trialCells,
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
        int[] edited = [.. Enumerable.Range(3, edits.Length)]; // cell 1 the setup, cell 2 the parameters as they are
        Assert.True(run.Errors.Select(e => e.CellNumber).SequenceEqual(edited),
            $"expected each edited parameters cell ({string.Join(", ", edited)}) to fail, and only those: {run.Describe()}");
        return [.. run.Errors];
    }

    private static JsonObject ParametersCell(string source)
    {
        JsonObject cell = NotebookFile.CodeCell(source);
        cell["metadata"]!["tags"] = new JsonArray("parameters");
        return cell;
    }
}
