using System.Text.RegularExpressions;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>Every relative link (and picture) in the notebooks and READMEs points at a file that exists.</summary>
public sealed partial class LinkTests
{
    public static IEnumerable<object[]> Documents() =>
        Repository.Notebooks(NotebookRuns.Root)
            .Concat([Path.Combine(NotebookRuns.Root, "README.md"), Path.Combine(NotebookRuns.Root, "samples", "README.md")])
            .Select(p => new object[] { Path.GetRelativePath(NotebookRuns.Root, p) });

    [Theory]
    [MemberData(nameof(Documents))]
    public void Relative_links_point_at_existing_files(string document)
    {
        string path = Path.Combine(NotebookRuns.Root, document);
        string text = path.EndsWith(".ipynb", StringComparison.Ordinal)
            ? string.Concat(NotebookFile.Cells(NotebookFile.Load(path)).Select(c => NotebookFile.Source(c!)))
            : File.ReadAllText(path);

        var broken = MarkdownLink().Matches(text).Concat(HtmlSource().Matches(text))
            .Select(m => m.Groups[1].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#'))
            .Where(target => !Path.Exists(Path.Combine(Path.GetDirectoryName(path)!, target.Split('#')[0])))
            .ToArray();

        Assert.True(broken.Length == 0, $"{document} links to missing files: {string.Join(", ", broken)}");
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("<img [^>]*src=\"([^\"]+)\"")]
    private static partial Regex HtmlSource();
}
