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
    public async Task Has_exercises_whose_solutions_all_pass_their_checks(string notebook)
    {
        var source = NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb"));
        var cells = NotebookFile.Cells(source);
        int hiddenSolutions = cells.Count(c => c!["metadata"]?["jupyter"]?["source_hidden"]?.GetValue<bool>() == true
                                               && NotebookFile.Source(c).Contains(".Verify();", StringComparison.Ordinal));
        // The exercise convention (a Solution in the markdown cell after each check cell): the run injected each
        // solution and its check again, verifying; each passed, and no untouched check reported its exercise solved.
        Assert.True(ExerciseSolutions.UsesSolutionBlocks(source), $"{notebook} has no <details><summary>Solution</summary> block: every lesson has exercises on the convention");
        var exercises = ExerciseSolutions.Find(source);
        Assert.Empty(ExerciseSolutions.Problems(source));
        Assert.True(exercises.Count >= 2, $"{notebook} has {exercises.Count} exercise(s); every lesson has at least two");
        Assert.True(hiddenSolutions == 0, $"{notebook} has {hiddenSolutions} hidden solution cell(s): a solution is never a code cell");
        NotebookRunResult run = await NotebookRuns.Succeeded(notebook);
        Assert.Equal(exercises.Select(e => e.Variable).Order(StringComparer.Ordinal), ExerciseSolutions.Passed(run.PrintedText()).Order(StringComparer.Ordinal));
        Assert.Empty(ExerciseSolutions.ReportedSolved(run.Executed!));
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
