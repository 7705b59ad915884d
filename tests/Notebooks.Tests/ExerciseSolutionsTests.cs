using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The harness that runs every exercise's solution (<see cref="ExerciseSolutions"/>): how it reads the convention, and
/// on the real kernel, with test notebooks whose stand-in Exercise has the convention's members, that it proves good
/// solutions and catches a wrong one, one that does not compile, and a check that Run All reports solved.
/// </summary>
public sealed partial class ExerciseSolutionsTests
{
    public static IEnumerable<object[]> LessonNotebooks => NotebookRuns.Names();

    private static readonly Lazy<Task<NotebookRunResult>> Good = new(() => RunTestNotebook("exercises.ipynb"));
    private static readonly Lazy<Task<NotebookRunResult>> Broken = new(() => RunTestNotebook("exercises-broken.ipynb"));

    private static JsonObject Notebook(params JsonObject[] cells) => new() { ["cells"] = new JsonArray(cells) };

    private static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    private const string Solution1 = "<details><summary>Solution</summary>\n\n```csharp\ndouble hours = 3;\n```\n\n</details>";

    [Fact]
    public void Finds_each_check_cell_with_the_blocks_of_the_solution_right_after_it()
    {
        JsonObject notebook = Notebook(
            NotebookFile.CodeCell("double hours = double.NaN;"),
            NotebookFile.CodeCell("var exercise1 = new Exercise(\"1\", () => hours == 3, \"hint\");\nexercise1.Check()"),
            Markdown(Solution1),
            NotebookFile.CodeCell("var exercise2 = new Exercise(\"2\", async () => await Task.FromResult(true), \"hint\");\nawait exercise2.CheckAsync()"),
            Markdown("Two steps:\n<details>\n<summary>Solution</summary>\n\n```csharp\nint A() => 1;\n```\n\nthen\n\n```csharp\nint B() => A();\n```\n\n</details>\n\n```csharp\n// not part of the solution\n```"));

        IReadOnlyList<NotebookExercise> exercises = ExerciseSolutions.Find(notebook);

        Assert.True(ExerciseSolutions.UsesSolutionBlocks(notebook));
        Assert.Empty(ExerciseSolutions.Problems(notebook));
        Assert.Equal(["exercise1", "exercise2"], exercises.Select(e => e.Variable));
        Assert.Equal([1, 3], exercises.Select(e => e.CheckCell));
        Assert.Equal(["double hours = 3;"], exercises[0].SolutionBlocks);
        Assert.Equal(["int A() => 1;", "int B() => A();"], exercises[1].SolutionBlocks);
    }

    [Fact]
    public void Injects_the_solution_blocks_as_written_then_the_check_again_verifying()
    {
        JsonObject notebook = Notebook(
            NotebookFile.CodeCell("double hours = double.NaN;"),
            NotebookFile.CodeCell("// the check\nvar exercise1 = new Exercise(\"1\", () => hours == 3, \"hint\");\nexercise1.Check()\n"),
            Markdown(Solution1));

        ExerciseSolutions.Inject(notebook);

        string[] sources = [.. NotebookFile.Cells(notebook).Select(c => NotebookFile.Source(c!))];
        Assert.Equal(5, sources.Length);
        Assert.EndsWith("\ndouble hours = 3;", sources[2], StringComparison.Ordinal);
        Assert.True(ExerciseSolutions.IsInjected(NotebookFile.Cells(notebook)[2]!));
        Assert.Equal(
            "// the check\nvar exercise1 = new Exercise(\"1\", () => hours == 3, \"hint\");\nawait exercise1.VerifyAsync();\n" +
            $"Console.WriteLine(\"{ExerciseSolutions.PassedMarker}exercise1\");",
            sources[3][(sources[3].IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Solution1, sources[4]);
    }

    [Fact]
    public void Each_break_of_the_convention_is_named()
    {
        JsonObject notebook = Notebook(
            NotebookFile.CodeCell("var exercise1 = new Exercise(\"1\", () => true, \"hint\");\nexercise1.Check()"),
            Markdown("No solution here."),
            NotebookFile.CodeCell("var exercise2 = new Exercise(\"2\", () => true, \"hint\");\nConsole.WriteLine(exercise2.Check());"),
            Markdown(Solution1),
            Markdown(Solution1),
            NotebookFile.CodeCell("var exercise2 = new Exercise(\"2 again\", () => true, \"hint\");\nexercise2.Check()"),
            Markdown("<details><summary>Solution</summary>\n\nIn words only.\n\n</details>"));

        IReadOnlyList<string> problems = ExerciseSolutions.Problems(notebook);

        Assert.Contains(problems, p => p.StartsWith("exercise2 is defined by 2 check cells", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("exercise1: the markdown cell right after its check cell (cell 1) has no", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("exercise2: its check cell (cell 3) does not end with `await exercise2.CheckAsync()`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("exercise2: the markdown cell right after its check cell (cell 6)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("2 Solution block(s) are not in the markdown cell right after a check cell", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => ExerciseSolutions.Inject(notebook));
        Assert.Contains(problems[0], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_without_solution_blocks_is_not_on_the_convention()
    {
        JsonObject notebook = Notebook(Markdown("# Old style"), NotebookFile.CodeCell("exercise1.Verify();"));

        Assert.False(ExerciseSolutions.UsesSolutionBlocks(notebook));
    }

    [Theory]
    [MemberData(nameof(LessonNotebooks))]
    public void Strict_every_notebook_with_exercises_keeps_the_convention_and_no_code_cell_calls_Verify(string notebook)
    {
        JsonObject source = NotebookFile.Load(Path.Combine(NotebookRuns.Root, "notebooks", notebook + ".ipynb"));

        List<string> problems = StrictProblems(source);

        Assert.True(problems.Count == 0, $"{notebook}:\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void The_strict_check_names_hidden_Verify_cells_and_exercises_without_a_Solution_block()
    {
        JsonObject oldStyle = Notebook(
            NotebookFile.CodeCell("double hours = double.NaN;"),
            NotebookFile.CodeCell("var exercise1 = new Exercise(\"1\", () => hours == 3, \"hint\");\nexercise1.Check()"),
            NotebookFile.CodeCell("// Solution\nhours = 3;\nexercise1.Verify();"),
            NotebookFile.CodeCell("var exercise2 = new Exercise(\"2\", async () => await Task.FromResult(hours == 3), \"hint\");\nawait exercise2.CheckAsync()"),
            NotebookFile.CodeCell("await exercise2.VerifyAsync();"));
        JsonObject converted = Notebook(
            NotebookFile.CodeCell("double hours = double.NaN;"),
            NotebookFile.CodeCell("var exercise1 = new Exercise(\"1\", () => hours == 3, \"hint\");\nexercise1.Check()"),
            Markdown(Solution1));
        JsonObject noExercises = Notebook(Markdown("# A lesson without exercises"), NotebookFile.CodeCell("var x = 1;"));

        List<string> problems = StrictProblems(oldStyle);

        Assert.Contains(problems, p => p.StartsWith("cell 3 calls .Verify", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cell 5 calls .Verify", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("it has exercises but no <details><summary>Solution</summary> block", StringComparison.Ordinal));
        Assert.Empty(StrictProblems(converted));
        Assert.Empty(StrictProblems(noExercises));
    }

    /// <summary>
    /// Where a notebook falls short of the convention with nothing old-style allowed: a code cell that calls
    /// <c>.Verify()</c> or <c>.VerifyAsync()</c> (a solution as a code cell, which Run All would run), exercises without
    /// Solution blocks, and every break of the convention <see cref="ExerciseSolutions.Problems"/> names.
    /// </summary>
    private static List<string> StrictProblems(JsonObject notebook)
    {
        JsonArray cells = NotebookFile.Cells(notebook);
        var problems = new List<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (NotebookFile.IsCode(cells[i]!) && !ExerciseSolutions.IsInjected(cells[i]!) && VerifyCall().IsMatch(NotebookFile.Source(cells[i]!)))
            {
                problems.Add($"cell {i + 1} calls .Verify() or .VerifyAsync(): a solution is never a code cell; put it in a " +
                             "<details><summary>Solution</summary> block in the markdown cell right after the check cell.");
            }
        }

        bool hasExercises = cells.Any(c => NotebookFile.IsCode(c!) && NotebookFile.Source(c!).Contains("new Exercise(", StringComparison.Ordinal));
        if (hasExercises && !ExerciseSolutions.UsesSolutionBlocks(notebook))
        {
            problems.Add("it has exercises but no <details><summary>Solution</summary> block: it is not on the exercise convention.");
        }

        problems.AddRange(ExerciseSolutions.Problems(notebook));
        return problems;
    }

    [GeneratedRegex(@"\.Verify(Async)?\s*\(")]
    private static partial Regex VerifyCall();

    [Fact]
    public async Task On_the_kernel_every_good_solution_passes_and_no_check_reported_solved_before_it()
    {
        NotebookRunResult run = await Good.Value;

        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(["exercise1", "exercise2"], ExerciseSolutions.Passed(run.PrintedText()));
        Assert.Empty(ExerciseSolutions.ReportedSolved(run.Executed!));
        Assert.Contains("❌ 1. Gathered hours: not yet.", run.PrintedText(), StringComparison.Ordinal);
        Assert.Contains("⏳ 2. Gather the meals: not tried yet.", run.PrintedText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_kernel_a_wrong_solution_one_that_does_not_compile_and_a_check_solved_by_run_all_are_caught()
    {
        NotebookRunResult run = await Broken.Value;

        Assert.False(run.Succeeded);
        Assert.Equal(["exercise2"], ExerciseSolutions.Passed(run.PrintedText()));
        Assert.Equal(["exercise2"], ExerciseSolutions.ReportedSolved(run.Executed!));
        Assert.Contains(run.Errors, e => e.FirstLine.Contains("exercise1's check cell run again", StringComparison.Ordinal)
                                         && e.Error.Contains("does not pass its check", StringComparison.Ordinal));
        Assert.Contains(run.Errors, e => e.FirstLine.Contains("exercise3's solution, block 1 of 1", StringComparison.Ordinal)
                                         && e.Error.Contains("sequentialHourz", StringComparison.Ordinal));
    }

    private static async Task<NotebookRunResult> RunTestNotebook(string fileName)
    {
        string path = await NotebookRuns.StageTestNotebook(fileName);
        await using var timingLock = await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing);
        return await NotebookExecution.RunAsync(path, new NotebookRunOptions(
            Path.Combine(NotebookRuns.ArtifactsDirectory, "test-notebooks", "out"), Timeout: NotebookRuns.Timeout, RunSolutions: true));
    }
}
