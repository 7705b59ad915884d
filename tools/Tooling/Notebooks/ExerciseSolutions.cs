using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tooling;

/// <summary>An exercise of a notebook written to the course's convention: its check cell and the solution below it.</summary>
/// <param name="Variable">The exercise's variable, such as <c>exercise2</c>.</param>
/// <param name="CheckCell">0-based index of the check cell among the notebook's cells.</param>
/// <param name="CheckSource">The check cell's source.</param>
/// <param name="SolutionBlocks">The <c>```csharp</c> blocks of the Solution in the markdown cell right after the check cell (none when it has none).</param>
public sealed record NotebookExercise(string Variable, int CheckCell, string CheckSource, IReadOnlyList<string> SolutionBlocks);

/// <summary>
/// Reads a notebook's exercises (the course's convention) and lets a test run every solution: after each check cell
/// it injects the solution's code and then the check again, ending with <c>await exerciseN.VerifyAsync()</c>, which
/// throws unless the solution passes.
/// </summary>
/// <remarks>
/// <para>
/// The convention: a markdown cell states the exercise; an exercise cell holds the code the learner edits; a check cell
/// defines <c>var exerciseN = new Exercise(…)</c> and ends with <c>await exerciseN.CheckAsync()</c> (or
/// <c>exerciseN.Check()</c>); the markdown cell right after it holds the solution, collapsed:
/// <c>&lt;details&gt;&lt;summary&gt;Solution&lt;/summary&gt;</c>, a blank line, a <c>```csharp</c> block (or several),
/// a blank line, <c>&lt;/details&gt;</c>. The solution is the code the learner would put in the exercise cell.
/// </para>
/// <para>
/// What is injected is what a learner does with it: run the solution in place of the exercise cell (one cell per
/// block, exactly as written, so running it proves it compiles when pasted), then run the check cell again, whose
/// last line becomes <c>await exerciseN.VerifyAsync();</c>. The check is defined again because a check defined before
/// the solution cannot see it: C# script cells are compiled one by one, and a lambda in the check cell keeps reading
/// the variables and methods that existed when that cell ran, not those a later cell declares anew (measured on the
/// kernel: after <c>double hours = 3;</c> in a later cell, the earlier check still reads the old <c>hours</c>).
/// The untouched check cell runs first, as the learner's Run All would, so a test can also assert that it did not
/// report the exercise solved.
/// </para>
/// </remarks>
public static partial class ExerciseSolutions
{
    /// <summary>What an injected check prints once its solution has passed, followed by the exercise's variable.</summary>
    public const string PassedMarker = "EXERCISE-SOLUTION-PASSED ";

    /// <summary>The first line of every cell this class injects.</summary>
    public const string InjectedComment = "// Injected by the notebook tests: ";

    /// <summary>How a report of a solved exercise starts (the check cell's output after a passing check).</summary>
    public const string SolvedMark = "✅";

    [GeneratedRegex(@"\bvar\s+(exercise\d+)\s*=\s*new\s+Exercise\s*\(")]
    private static partial Regex CheckDefinition();

    [GeneratedRegex(@"<details>\s*<summary>\s*Solution\s*</summary>", RegexOptions.IgnoreCase)]
    private static partial Regex SolutionStart();

    [GeneratedRegex(@"<details>\s*<summary>\s*Solution\s*</summary>(?<body>.*?)</details>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SolutionBlock();

    [GeneratedRegex(@"^```csharp[ \t]*\r?\n(?<code>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpFence();

    /// <summary>True when the notebook has a Solution block in any markdown cell: it follows the exercise convention.</summary>
    public static bool UsesSolutionBlocks(JsonObject notebook) =>
        NotebookFile.Cells(notebook).Any(c => IsMarkdown(c!) && SolutionStart().IsMatch(NotebookFile.Source(c!)));

    /// <summary>Every check cell of the notebook, with the solution in the markdown cell right after it.</summary>
    public static IReadOnlyList<NotebookExercise> Find(JsonObject notebook)
    {
        JsonArray cells = NotebookFile.Cells(notebook);
        var exercises = new List<NotebookExercise>();
        for (int i = 0; i < cells.Count; i++)
        {
            JsonNode cell = cells[i]!;
            if (!NotebookFile.IsCode(cell) || IsInjected(cell) || CheckDefinition().Match(NotebookFile.Source(cell)) is not { Success: true } definition)
            {
                continue;
            }

            string? next = i + 1 < cells.Count && IsMarkdown(cells[i + 1]!) ? NotebookFile.Source(cells[i + 1]!) : null;
            exercises.Add(new NotebookExercise(definition.Groups[1].Value, i, NotebookFile.Source(cell), next is null ? [] : Blocks(next)));
        }

        return exercises;
    }

    /// <summary>
    /// Where the notebook breaks the exercise convention, one sentence each naming the exercise; empty when it keeps it.
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonObject notebook)
    {
        var problems = new List<string>();
        IReadOnlyList<NotebookExercise> exercises = Find(notebook);
        foreach (var group in exercises.GroupBy(e => e.Variable, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key} is defined by {group.Count()} check cells; each exercise has one.");
        }

        foreach (NotebookExercise exercise in exercises)
        {
            if (exercise.SolutionBlocks.Count == 0)
            {
                problems.Add($"{exercise.Variable}: the markdown cell right after its check cell (cell {exercise.CheckCell + 1}) has no " +
                             "<details><summary>Solution</summary> block with a ```csharp block in it.");
            }

            if (CheckCall(exercise) is null)
            {
                problems.Add($"{exercise.Variable}: its check cell (cell {exercise.CheckCell + 1}) does not end with " +
                             $"`await {exercise.Variable}.CheckAsync()` or `{exercise.Variable}.Check()`.");
            }
        }

        int solutions = NotebookFile.Cells(notebook).Count(c => IsMarkdown(c!) && SolutionStart().IsMatch(NotebookFile.Source(c!)));
        int placed = exercises.Count(e => e.SolutionBlocks.Count > 0);
        if (solutions > placed)
        {
            problems.Add($"{solutions - placed} Solution block(s) are not in the markdown cell right after a check cell.");
        }

        return problems;
    }

    /// <summary>
    /// Inserts, after each check cell, one cell per block of its solution and then the check again ending in
    /// <c>await exerciseN.VerifyAsync();</c> (which prints <see cref="PassedMarker"/> and the variable once it passes).
    /// Returns the exercises whose solutions were injected.
    /// </summary>
    /// <exception cref="InvalidDataException">The notebook breaks the convention (see <see cref="Problems"/>).</exception>
    public static IReadOnlyList<NotebookExercise> Inject(JsonObject notebook)
    {
        IReadOnlyList<string> problems = Problems(notebook);
        if (problems.Count > 0)
        {
            throw new InvalidDataException("The notebook's exercises do not follow the convention:\n  " + string.Join("\n  ", problems));
        }

        IReadOnlyList<NotebookExercise> exercises = Find(notebook);
        JsonArray cells = NotebookFile.Cells(notebook);
        foreach (NotebookExercise exercise in exercises.Reverse())
        {
            var injected = exercise.SolutionBlocks
                .Select((block, k) => $"{InjectedComment}{exercise.Variable}'s solution, block {k + 1} of {exercise.SolutionBlocks.Count}, as written.\n{block}")
                .Append(Verification(exercise))
                .ToArray();
            for (int k = injected.Length - 1; k >= 0; k--)
            {
                cells.Insert(exercise.CheckCell + 1, NotebookFile.CodeCell(injected[k]));
            }
        }

        return exercises;
    }

    /// <summary>True for a cell this class (or the runner) injected: its source starts with "// Injected by ".</summary>
    public static bool IsInjected(JsonNode cell) =>
        NotebookFile.Source(cell).StartsWith("// Injected by ", StringComparison.Ordinal);

    /// <summary>
    /// The check cells of an executed notebook that reported their exercise solved (<see cref="SolvedMark"/>), by
    /// variable: after an untouched Run All this must be empty, as the learner has not answered anything yet.
    /// </summary>
    public static IReadOnlyList<string> ReportedSolved(JsonObject executed)
    {
        JsonArray cells = NotebookFile.Cells(executed);
        return [.. Find(executed)
            .Where(e => NotebookFile.Outputs(cells[e.CheckCell]!).Any(o => Shown(o).Contains(SolvedMark, StringComparison.Ordinal)))
            .Select(e => e.Variable)];
    }

    /// <summary>The variables whose injected check printed <see cref="PassedMarker"/>, in the order they passed.</summary>
    public static IReadOnlyList<string> Passed(string printedText)
    {
        ArgumentNullException.ThrowIfNull(printedText);
        return [.. printedText.Split('\n')
            .Where(l => l.StartsWith(PassedMarker, StringComparison.Ordinal))
            .Select(l => l[PassedMarker.Length..].Trim())];
    }

    private static string Verification(NotebookExercise exercise)
    {
        string[] lines = exercise.CheckSource.TrimEnd().Split('\n');
        int call = CheckCall(exercise) ?? throw new InvalidDataException($"{exercise.Variable}: its check cell has no check call to replace.");
        return string.Join('\n', [
            $"{InjectedComment}{exercise.Variable}'s check cell run again after its solution, as the learner would, verifying instead of checking.",
            .. lines[..call],
            $"await {exercise.Variable}.VerifyAsync();",
            string.Create(CultureInfo.InvariantCulture, $"Console.WriteLine(\"{PassedMarker}{exercise.Variable}\");"),
        ]);
    }

    // The index of the check cell's closing line `await exerciseN.CheckAsync()` / `exerciseN.Check()`, or null.
    private static int? CheckCall(NotebookExercise exercise)
    {
        string[] lines = exercise.CheckSource.TrimEnd().Split('\n');
        var call = new Regex(@"^\s*(await\s+)?" + Regex.Escape(exercise.Variable) + @"\.Check(Async)?\(\)\s*;?\s*$");
        return lines.Length > 0 && call.IsMatch(lines[^1]) ? lines.Length - 1 : null;
    }

    private static List<string> Blocks(string markdown) =>
        [.. SolutionBlock().Matches(markdown)
            .SelectMany(m => CSharpFence().Matches(m.Groups["body"].Value))
            .Select(m => m.Groups["code"].Value.TrimEnd())];

    private static bool IsMarkdown(JsonNode cell) => cell["cell_type"]?.GetValue<string>() == "markdown";

    private static string Shown(JsonObject output) =>
        string.Concat(NotebookFile.PrintedText(output), NotebookFile.Data(output, "text/html") ?? string.Empty);
}
