using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>The headless runner reports failures precisely: which notebook, which cell, what error.</summary>
public sealed class RunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("notebook-runner-").FullName;

    [Fact]
    public async Task A_failing_cell_is_named_with_its_number_and_error_text()
    {
        string path = Write("broken",
            "var ok = 1;",
            "throw new InvalidOperationException(\"the kitchen is on fire\");",
            "Console.WriteLine(\"after\");");

        NotebookRunResult run = await NotebookExecution.RunAsync(path, new NotebookRunOptions(Path.Combine(_dir, "out"), Timeout: TimeSpan.FromMinutes(2)), TestContext.Current.CancellationToken);

        Assert.False(run.Succeeded);
        CellError error = Assert.Single(run.Errors);
        Assert.Equal(2, error.CellNumber);
        Assert.Contains("the kitchen is on fire", error.Error, StringComparison.Ordinal);
        Assert.Contains("broken failed", run.Describe(), StringComparison.Ordinal);
        Assert.Contains("cell 2", run.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compile_error_is_reported_too()
    {
        string path = Write("typo", "Consle.WriteLine(1);");

        NotebookRunResult run = await NotebookExecution.RunAsync(path, new NotebookRunOptions(Path.Combine(_dir, "out"), Timeout: TimeSpan.FromMinutes(2)), TestContext.Current.CancellationToken);

        CellError error = Assert.Single(run.Errors);
        Assert.Equal(1, error.CellNumber);
        Assert.Contains("CS0103", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notebook_that_hangs_is_stopped_at_its_time_limit()
    {
        string path = Write("hangs", "await Task.Delay(System.Threading.Timeout.Infinite);");

        NotebookRunResult run = await NotebookExecution.RunAsync(path, new NotebookRunOptions(Path.Combine(_dir, "out"), Timeout: TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);

        Assert.True(run.TimedOut);
        Assert.False(run.Succeeded);
        Assert.Contains("time limit", run.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_story_clock_is_injected_right_after_the_parameters_cell()
    {
        var notebook = NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", "04-gather-as-whenall.ipynb"));

        Assert.True(NotebookFile.InjectAfterParameters(notebook, "secondsPerHour = 0.5;"));

        var cells = NotebookFile.Cells(notebook);
        int parameters = cells.Select((c, i) => (c, i)).Single(x => NotebookFile.IsParameters(x.c!)).i;
        Assert.Equal("secondsPerHour = 0.5;", NotebookFile.Source(cells[parameters + 1]!));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] cells)
    {
        var notebook = new System.Text.Json.Nodes.JsonObject
        {
            ["cells"] = new System.Text.Json.Nodes.JsonArray(cells.Select(c => (System.Text.Json.Nodes.JsonNode)NotebookFile.CodeCell(c)).ToArray()),
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 2,
        };
        string path = Path.Combine(_dir, name + ".ipynb");
        NotebookFile.Save(notebook, path);
        return path;
    }
}
