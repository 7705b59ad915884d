using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>Every notebook in notebooks/ runs top to bottom on the real kernel without a cell error.</summary>
public sealed class EveryNotebookTests
{
    public static IEnumerable<object[]> Notebooks => NotebookRuns.Names();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_top_to_bottom_without_error(string notebook)
    {
        NotebookRunResult run = await NotebookRuns.Get(notebook);

        Assert.False(run.TimedOut, run.Describe());
        Assert.True(run.Succeeded, run.Describe());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Has_exercises_whose_hidden_solutions_all_pass_their_checks(string notebook)
    {
        var cells = NotebookFile.Cells(NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb")));
        int solutions = cells.Count(c => c!["metadata"]?["jupyter"]?["source_hidden"]?.GetValue<bool>() == true
                                         && NotebookFile.Source(c).Contains(".Verify();", StringComparison.Ordinal));
        NotebookRunResult run = await NotebookRuns.Succeeded(notebook);

        Assert.True(solutions >= 2, $"{notebook} has {solutions} exercise solution cell(s); every lesson has at least two");
        Assert.Equal(solutions, run.PrintedText().Split('\n').Count(l => l.Contains("the solution passes its check", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Starts_with_the_one_line_setup_cell(string notebook)
    {
        var cells = NotebookFile.Cells(NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb")));
        var firstCode = cells.First(c => NotebookFile.IsCode(c!))!;

        Assert.Equal("#!import ../lib/setup.dib", NotebookFile.Source(firstCode).Trim());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Has_a_parameters_cell_that_sets_the_story_clock(string notebook)
    {
        var cells = NotebookFile.Cells(NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb")));
        var parameters = cells.Where(c => NotebookFile.IsParameters(c!)).ToArray();

        Assert.Single(parameters);
        Assert.Contains("var secondsPerHour", NotebookFile.Source(parameters[0]!), StringComparison.Ordinal);
    }
}
