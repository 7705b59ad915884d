using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The Korean edition (notebooks/ko/) stays in step with the English one by construction: every Korean notebook has an
/// English twin of the same name with the same cells in the same order, identical code (only the setup import climbs
/// one folder more), identical metadata and identical solutions; its prose is Korean; its links stay in the edition.
/// So a change to a lesson's code fails here until both editions carry it.
/// </summary>
public sealed partial class KoreanEditionTests
{
    public static IEnumerable<object[]> KoreanNotebooks() =>
        Repository.Notebooks(NotebookRuns.Root, Editions.Korean).Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

    [Fact]
    public void The_edition_has_notebooks_and_a_readme()
    {
        Assert.NotEmpty(KoreanNotebooks());
        Assert.True(File.Exists(Path.Combine(NotebookRuns.Root, "README.ko.md")), "README.ko.md is missing");
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Has_an_English_twin_with_the_same_cells_in_the_same_order(string notebook)
    {
        var (korean, english) = Twins(notebook);

        Assert.Equal(Kinds(english), Kinds(korean));
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Its_code_cells_are_the_English_ones_but_for_the_setup_import(string notebook)
    {
        var (korean, english) = Twins(notebook);
        string[] koreanCode = Code(korean), englishCode = Code(english);

        Assert.Equal(englishCode.Length, koreanCode.Length);
        Assert.Equal(Editions.SetupImport(Editions.Korean), koreanCode[0].Trim());
        Assert.Equal(Editions.SetupImport(Editions.English), englishCode[0].Trim());
        for (int i = 1; i < koreanCode.Length; i++)
        {
            Assert.True(englishCode[i] == koreanCode[i],
                $"{notebook}: code cell {i + 1} differs from the English one; code is the same in every edition.\n--- en\n{englishCode[i]}\n--- ko\n{koreanCode[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Its_cells_carry_the_English_cells_metadata(string notebook)
    {
        var (korean, english) = Twins(notebook);
        JsonArray koreanCells = NotebookFile.Cells(korean), englishCells = NotebookFile.Cells(english);

        Assert.Equal(englishCells.Count, koreanCells.Count);
        for (int i = 0; i < koreanCells.Count; i++)
        {
            JsonNode? en = englishCells[i]!["metadata"], ko = koreanCells[i]!["metadata"];
            Assert.True(JsonNode.DeepEquals(en, ko), $"{notebook}: cell {i + 1}'s metadata is {ko?.ToJsonString()}, the English cell's {en?.ToJsonString()}");
        }

        Assert.Equal(englishCells.Count(c => NotebookFile.IsParameters(c!)), koreanCells.Count(c => NotebookFile.IsParameters(c!)));
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Its_notebook_metadata_and_format_are_the_English_ones(string notebook)
    {
        var (korean, english) = Twins(notebook);

        Assert.True(JsonNode.DeepEquals(english["metadata"], korean["metadata"]),
            $"{notebook}: notebook metadata {korean["metadata"]?.ToJsonString()}, English {english["metadata"]?.ToJsonString()}");
        Assert.Equal(english["nbformat"]?.GetValue<int>(), korean["nbformat"]?.GetValue<int>());
        Assert.Equal(english["nbformat_minor"]?.GetValue<int>(), korean["nbformat_minor"]?.GetValue<int>());
        Assert.Equal("csharp", korean["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Its_exercises_keep_the_convention_with_the_English_solutions(string notebook)
    {
        var (korean, english) = Twins(notebook);
        IReadOnlyList<NotebookExercise> koreanExercises = ExerciseSolutions.Find(korean), englishExercises = ExerciseSolutions.Find(english);

        Assert.Empty(ExerciseSolutions.Problems(korean));
        Assert.Equal(ExerciseSolutions.UsesSolutionBlocks(english), ExerciseSolutions.UsesSolutionBlocks(korean));
        Assert.Equal(englishExercises.Select(e => (e.Variable, e.CheckCell)), koreanExercises.Select(e => (e.Variable, e.CheckCell)));
        for (int i = 0; i < koreanExercises.Count; i++)
        {
            Assert.Equal(englishExercises[i].SolutionBlocks, koreanExercises[i].SolutionBlocks);
        }
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Its_prose_is_in_Korean(string notebook)
    {
        var (korean, english) = Twins(notebook);
        JsonArray koreanCells = NotebookFile.Cells(korean), englishCells = NotebookFile.Cells(english);

        var untranslated = Enumerable.Range(0, koreanCells.Count)
            .Where(i => !NotebookFile.IsCode(koreanCells[i]!) && HasProse(NotebookFile.Source(englishCells[i]!)))
            .Where(i => !IsKorean(NotebookFile.Source(koreanCells[i]!)))
            .Select(i => $"cell {i + 1}: {NotebookFile.Source(koreanCells[i]!).Split('\n')[0]}")
            .ToArray();

        Assert.True(untranslated.Length == 0, $"{notebook}: markdown cells with English prose and no Korean:\n{string.Join("\n", untranslated)}");
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks))]
    public void Its_links_to_notebooks_stay_in_the_edition(string notebook)
    {
        string folder = Editions.NotebookFolder(NotebookRuns.Root, Editions.Korean);
        string text = string.Concat(NotebookFile.Cells(Load(Editions.Korean, notebook)).Where(c => !NotebookFile.IsCode(c!)).Select(c => NotebookFile.Source(c!)));

        string[] leaving = [.. LinkTests.RelativeLinks(text)
            .Where(target => target.Split('#')[0].EndsWith(".ipynb", StringComparison.Ordinal))
            .Where(target => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]))) != folder)];

        Assert.True(leaving.Length == 0, $"{notebook} links to notebooks outside notebooks/ko/: {string.Join(", ", leaving)}");
    }

    [Fact]
    public void The_prose_rule_tells_a_translated_cell_from_code_and_markers_alone()
    {
        Assert.True(HasProse("Edit and re-run. The last lines check them."));
        Assert.False(HasProse("<details><summary>Solution</summary>\n\n```csharp\nstring answer1 = \"c\";   // waits for room\n```\n\n</details>"));
        Assert.False(HasProse("| `aiohttp` | `HttpClient` |\n|---|---|"));
        Assert.True(IsKorean("값을 바꾸고 다시 실행해 보세요. `answerHours`는 ..."));
        Assert.False(IsKorean("Edit and re-run: `var 값 = 1;`\n```csharp\n// 주석\n```"));
    }

    /// <summary>True when <paramref name="markdown"/> has words to translate outside code, tags and link targets: three or more.</summary>
    internal static bool HasProse(string markdown) => Word().Count(Prose(markdown)) >= 3;

    /// <summary>True when the prose of <paramref name="markdown"/> (not its code) has Hangul in it.</summary>
    internal static bool IsKorean(string markdown) => Hangul().IsMatch(Prose(markdown));

    // What a reader reads as prose: the markdown without fenced blocks, inline code, HTML tags, link targets and the
    // exercise harness's Solution marker.
    private static string Prose(string markdown)
    {
        string text = FencedBlock().Replace(markdown, " ");
        text = InlineCode().Replace(text, " ");
        text = LinkTarget().Replace(text, "]");
        text = HtmlTag().Replace(text, " ");
        return text.Replace("Solution", " ", StringComparison.Ordinal);
    }

    private static (JsonObject Korean, JsonObject English) Twins(string notebook)
    {
        string english = Path.Combine(Editions.NotebookFolder(NotebookRuns.Root, Editions.English), notebook + ".ipynb");
        Assert.True(File.Exists(english), $"notebooks/ko/{notebook}.ipynb has no English twin notebooks/{notebook}.ipynb (a translation keeps the English file name)");
        return (Load(Editions.Korean, notebook), NotebookFile.Load(english));
    }

    private static JsonObject Load(string edition, string notebook) =>
        NotebookFile.Load(Path.Combine(Editions.NotebookFolder(NotebookRuns.Root, edition), notebook + ".ipynb"));

    private static string[] Kinds(JsonObject notebook) =>
        [.. NotebookFile.Cells(notebook).Select(c => c!["cell_type"]!.GetValue<string>() + (NotebookFile.IsCode(c!) ? ":" + (c["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>() ?? "?") : ""))];

    private static string[] Code(JsonObject notebook) =>
        [.. NotebookFile.Cells(notebook).Where(c => NotebookFile.IsCode(c!)).Select(c => NotebookFile.Source(c!))];

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex Hangul();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"^```.*?^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\([^)\s]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"<[^>\n]+>")]
    private static partial Regex HtmlTag();
}
