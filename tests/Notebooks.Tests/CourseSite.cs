using Tooling;

namespace Notebooks.Tests;

/// <summary>
/// The course's website as the run command writes it (<see cref="SiteWriter"/>), built once per test run from the
/// notebooks the tests executed and the Korean edition in notebooks/ko/ (not run again: code cells identical to the
/// English twins', so its pages show the English runs' outputs, as the run command's site does).
/// </summary>
internal static class CourseSite
{
    /// <summary>The lessons of the Korean edition: every notebook in notebooks/ko/.</summary>
    public static readonly string[] KoreanLessons = Directory.EnumerateFiles(Path.Combine(NotebookRuns.Root, "notebooks", "ko"), "*.ipynb")
        .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static readonly Lazy<Task<SiteReport>> Site = new(BuildAsync);

    public static Task<SiteReport> Get() => Site.Value;

    private static async Task<SiteReport> BuildAsync()
    {
        foreach (object[] name in NotebookRuns.Names())
        {
            await NotebookRuns.Succeeded((string)name[0]);
        }

        SiteReport report = SiteWriter.Write(
            new SiteSources(NotebookRuns.Root, Path.Combine(NotebookRuns.ArtifactsDirectory, "notebooks")),
            Path.Combine(NotebookRuns.ArtifactsDirectory, "site"));
        Xunit.Assert.True(report.Problems.Count == 0 && report.NotRun.Count == 0,
            "The site was written with problems:\n" + string.Join('\n', report.Problems.Concat(report.NotRun)));
        return report;
    }
}
