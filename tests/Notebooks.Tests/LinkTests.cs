using System.Text.RegularExpressions;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>Every relative link (and picture) in the notebooks and READMEs points at a file that exists.</summary>
public sealed partial class LinkTests
{
    public static IEnumerable<object[]> Documents() =>
        Editions.All.SelectMany(edition => Repository.Notebooks(NotebookRuns.Root, edition))
            .Concat([Path.Combine(NotebookRuns.Root, "README.md"), Path.Combine(NotebookRuns.Root, "README.ko.md"), Path.Combine(NotebookRuns.Root, "samples", "README.md")])
            .Select(p => new object[] { Path.GetRelativePath(NotebookRuns.Root, p) });

    [Theory]
    [MemberData(nameof(Documents))]
    public void Relative_links_point_at_existing_files(string document)
    {
        string path = Path.Combine(NotebookRuns.Root, document);
        string text = path.EndsWith(".ipynb", StringComparison.Ordinal)
            ? string.Concat(NotebookFile.Cells(NotebookFile.Load(path)).Select(c => NotebookFile.Source(c!)))
            : File.ReadAllText(path);

        var broken = RelativeLinks(text)
            .Where(target => !Path.Exists(Path.Combine(Path.GetDirectoryName(path)!, target.Split('#')[0])))
            .ToArray();

        Assert.True(broken.Length == 0, $"{document} links to missing files: {string.Join(", ", broken)}");
    }

    /// <summary>Every link and picture target in <paramref name="text"/> that is a path, not an address or an anchor of the same page.</summary>
    internal static IEnumerable<string> RelativeLinks(string text) =>
        MarkdownLink().Matches(text).Concat(HtmlSource().Matches(text))
            .Select(m => m.Groups[1].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#'));

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("<img [^>]*src=\"([^\"]+)\"")]
    private static partial Regex HtmlSource();
}
