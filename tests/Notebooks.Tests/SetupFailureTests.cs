using System.Text.Json.Nodes;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// When the setup cell cannot build lib/, the learner is told so, with the build's errors, on the path VS Code takes:
/// the kernel drops an exception thrown inside a cell that <c>#!import</c> runs, so setup.dib writes to Console.Error.
/// </summary>
public sealed class SetupFailureTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("setup-fails-").FullName;

    [Fact]
    public async Task A_lib_that_does_not_build_is_explained_with_its_build_errors_above_the_load_error_over_stdio()
    {
        // A copy of the repository's lib/ (and the build rules above it) with one compile error added.
        string root = NotebookRuns.Root;
        CopySources(Path.Combine(root, "lib"), Path.Combine(_home, "lib"));
        foreach (string props in Directory.GetFiles(root, "Directory.*.props"))
        {
            File.Copy(props, Path.Combine(_home, Path.GetFileName(props)));
        }

        File.WriteAllText(Path.Combine(_home, "lib", "DeliveryTimelines", "Broken.cs"),
            "namespace DeliveryTimelines;\n\ninternal static class Broken\n{\n    public static int Hours => \"three\";\n}\n");
        string notebook = Path.Combine(_home, "notebooks", "setup-fails.ipynb");
        NotebookFile.Save(new JsonObject
        {
            ["cells"] = new JsonArray(NotebookFile.CodeCell("#!import ../lib/setup.dib"), NotebookFile.CodeCell("Console.WriteLine(\"next cell\");")),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 2,
        }, notebook);

        StdioNotebookRun run;
        await using (await RepositoryLock.AcquireAsync(root, RepositoryLock.Timing))
        {
            run = await StdioNotebookExecution.RunAsync(notebook, new NotebookRunOptions(Path.Combine(_home, "out"), Timeout: NotebookRuns.Timeout));
        }

        StdioCell setup = Assert.Single(run.Cells); // the run stops at the failing setup cell
        Assert.False(setup.Run.Passed);
        Assert.Contains("Setup could not build lib/", setup.Run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Broken.cs", setup.Run.StandardError, StringComparison.Ordinal);
        Assert.Contains("error CS0029", setup.Run.StandardError, StringComparison.Ordinal);
        Assert.Contains(setup.Run.Errors, e => e.Contains("CS0006", StringComparison.Ordinal));

        // What the learner reads, top to bottom: the explanation and the build's errors, then the load error.
        string[] outputs = [.. NotebookFile.Outputs(NotebookFile.Cells(run.Result.Executed!)[0]!)
            .Select(o => o["output_type"]!.GetValue<string>() == "stream" ? o["name"]!.GetValue<string>() : o["output_type"]!.GetValue<string>())];
        Assert.True(Array.IndexOf(outputs, "stderr") >= 0 && Array.IndexOf(outputs, "stderr") < Array.IndexOf(outputs, "error"),
            $"outputs in order: {string.Join(", ", outputs)}");
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
