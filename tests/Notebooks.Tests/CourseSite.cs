using System.Text.Json.Nodes;
using Tooling;

namespace Notebooks.Tests;

/// <summary>
/// The course's website as the run command writes it (<see cref="SiteWriter"/>), built once per test run from the
/// notebooks the tests executed, with a Korean edition of two lessons made here: the real code cells and solutions,
/// the prose replaced by Korean text, no run of their own (so their pages show the English runs' outputs).
/// </summary>
internal static class CourseSite
{
    /// <summary>The lessons the test's Korean edition translates (next to each other, so its pages have neighbours).</summary>
    public static readonly string[] KoreanLessons = ["04-gather-as-whenall", "05-gather-in-depth"];

    private static readonly Lazy<Task<SiteReport>> Site = new(BuildAsync);

    public static Task<SiteReport> Get() => Site.Value;

    private static async Task<SiteReport> BuildAsync()
    {
        foreach (object[] name in NotebookRuns.Names())
        {
            await NotebookRuns.Succeeded((string)name[0]);
        }

        string korean = Path.Combine(NotebookRuns.ArtifactsDirectory, "site-sources", "ko");
        if (Directory.Exists(korean))
        {
            Directory.Delete(korean, recursive: true);
        }

        for (int i = 0; i < KoreanLessons.Length; i++)
        {
            string? next = i + 1 < KoreanLessons.Length ? KoreanLessons[i + 1] : null;
            NotebookFile.Save(Translate(KoreanLessons[i], next, korean), Path.Combine(korean, KoreanLessons[i] + ".ipynb"));
        }

        SiteReport report = SiteWriter.Write(
            new SiteSources(NotebookRuns.Root, Path.Combine(NotebookRuns.ArtifactsDirectory, "notebooks")) { KoreanDirectory = korean },
            Path.Combine(NotebookRuns.ArtifactsDirectory, "site"));
        Xunit.Assert.True(report.Problems.Count == 0 && report.NotRun.Count == 0,
            "The site was written with problems:\n" + string.Join('\n', report.Problems.Concat(report.NotRun)));
        return report;
    }

    /// <summary>
    /// The lesson with its prose in Korean: the title, a paragraph linking to the next lesson and to a heading of its
    /// own, and a section heading per prose cell; the solutions (their code) kept as they are, as a translator keeps them.
    /// Its code is the original's, but for the setup's <c>#!import</c>, which names the same file from the translation's folder.
    /// </summary>
    private static JsonObject Translate(string lesson, string? next, string folder)
    {
        string notebooks = Path.Combine(NotebookRuns.Root, "notebooks");
        JsonObject notebook = NotebookFile.Load(Path.Combine(notebooks, lesson + ".ipynb"));
        int prose = 0;
        foreach (JsonNode? cell in NotebookFile.Cells(notebook))
        {
            if (NotebookFile.IsCode(cell!) && NotebookFile.Source(cell!) is var code && code.StartsWith("#!import ", StringComparison.Ordinal))
            {
                string imported = code["#!import ".Length..].Split('\n')[0].Trim();
                string fromHere = Path.GetRelativePath(folder, Path.Combine(notebooks, imported)).Replace('\\', '/');
                cell!["source"] = "#!import " + fromHere + code["#!import ".Length..][imported.Length..];
            }

            if (cell!["cell_type"]?.GetValue<string>() != "markdown" || NotebookFile.Source(cell).Contains("<details>", StringComparison.Ordinal))
            {
                continue;
            }

            cell["source"] = prose++ == 0
                ? $"# {lesson[..2]} — 한국어 시험판\n\n이 강의는 시험용 번역입니다. 코드는 원본 그대로입니다." +
                  (next is null ? string.Empty : $" [다음 강의]({next}.ipynb), [요약으로](#요약).")
                : prose == 2 ? "## 요약\n\n설명 셀입니다." : $"## 설명 {prose}\n\n설명 셀입니다.";
        }

        return notebook;
    }
}
