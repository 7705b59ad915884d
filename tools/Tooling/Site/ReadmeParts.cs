using System.Net;
using System.Text.RegularExpressions;

namespace Tooling;

/// <summary>A picture the README shows: its file (docs/images/…), its alt text, and the notebook whose row it is in, if any.</summary>
public sealed record ReadmePicture(string File, string Alt, string? Notebook);

/// <summary>What the index takes from the README: its pictures, its opening paragraph, and how to run the course.</summary>
public static partial class ReadmeParts
{
    /// <summary>Every <c>&lt;img src="docs/images/…"&gt;</c> of the README, with the notebook named on its line (a row of the notebooks' table).</summary>
    public static IReadOnlyList<ReadmePicture> Pictures(string readme)
    {
        ArgumentNullException.ThrowIfNull(readme);
        var pictures = new List<ReadmePicture>();
        foreach (string line in readme.Split('\n'))
        {
            Match notebook = NotebookLink().Match(line);
            foreach (Match image in Image().Matches(line))
            {
                pictures.Add(new ReadmePicture(image.Groups["src"].Value, WebUtility.HtmlDecode(image.Groups["alt"].Value),
                    notebook.Success ? notebook.Groups["name"].Value : null));
            }
        }

        return pictures;
    }

    /// <summary>
    /// Per notebook, what the README's table of notebooks says it shows (the Markdown of the "what it shows" column, the
    /// third): <c>| 04 | [title](notebooks/04-….ipynb) | what it shows | picture |</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Summaries(string readme)
    {
        ArgumentNullException.ThrowIfNull(readme);
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in readme.Split('\n'))
        {
            string[] columns = line.Split('|');
            if (line.StartsWith('|') && columns.Length >= 5 && NotebookLink().Match(columns[2]) is { Success: true } notebook && columns[3].Trim().Length > 0)
            {
                summaries.TryAdd(notebook.Groups["name"].Value, columns[3].Trim());
            }
        }

        return summaries;
    }

    /// <summary>
    /// The README's first paragraph after its title, past the line that links the README of another language (the site
    /// has its own language switch on every page).
    /// </summary>
    public static string Opening(string readme)
    {
        ArgumentNullException.ThrowIfNull(readme);
        return readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n")
            .SelectMany(p => p.Split('\n', 2) is [var first, var rest] && OtherReadme().IsMatch(first) ? [rest] : new[] { p })
            .Select(p => p.Trim()).FirstOrDefault(p => p.Length > 0 && !p.StartsWith('#') && !OtherReadme().IsMatch(p)) ?? string.Empty;
    }

    /// <summary>
    /// <paramref name="markdown"/> without its <c>&lt;img src="docs/images/…"&gt;</c> tags: a README section the index
    /// copies shows its text there, while the index shows every picture of the README once, under its own heading.
    /// </summary>
    public static string WithoutPictures(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return WholeImage().Replace(markdown, string.Empty).Trim();
    }

    /// <summary>The Markdown of the README's section titled <paramref name="heading"/> (without its heading), or null when it has none.</summary>
    public static string? Section(string readme, string heading)
    {
        ArgumentNullException.ThrowIfNull(readme);
        string[] lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimEnd() == "## " + heading);
        if (start < 0)
        {
            return null;
        }

        int end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join('\n', lines[(start + 1)..(end < 0 ? lines.Length : end)]).Trim();
    }

    [GeneratedRegex(@"<img\s+src=""(?<src>docs/images/[^""]+)""[^>]*?\balt=""(?<alt>[^""]*)""")]
    private static partial Regex Image();

    [GeneratedRegex(@"<img\s+src=""docs/images/[^""]+""[^>]*>\n?")]
    private static partial Regex WholeImage();

    /// <summary>A line that only switches language: a link to another README, such as README.ko.md.</summary>
    [GeneratedRegex(@"^[^\n]{0,40}\]\(README\.[a-z]{2}\.md\)[^\n]*$")]
    private static partial Regex OtherReadme();

    [GeneratedRegex(@"\(notebooks/(?<name>[^/)]+)\.ipynb\)")]
    private static partial Regex NotebookLink();
}
