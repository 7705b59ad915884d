using System.Text.RegularExpressions;

namespace Tooling;

/// <summary>
/// Where a link written in a notebook goes on the site. A link to another notebook of the site
/// (<c>04-gather-as-whenall.ipynb#anchor</c>) goes to its page; a link to a file of the repository
/// (<c>../samples/python/gather.py</c>, <c>../lib/…</c>) goes to that file, by a relative path from the page (the site is
/// written beside the repository, in artifacts/site/); a web address or an anchor on the same page stays as it is. A
/// relative link to something that does not exist is kept and reported in <see cref="Broken"/>.
/// </summary>
/// <param name="sourceFile">The file the link was written in (a notebook, or the README), relative links resolve from its folder.</param>
/// <param name="pageFile">The page the link is written to.</param>
/// <param name="pages">Every notebook of the site (full path) and the page it becomes (full path).</param>
public sealed partial class SiteLinks(string sourceFile, string pageFile, IReadOnlyDictionary<string, string> pages)
{
    private readonly string _sourceDirectory = Path.GetDirectoryName(Path.GetFullPath(sourceFile))!;
    private readonly string _pageDirectory = Path.GetDirectoryName(Path.GetFullPath(pageFile))!;
    private readonly List<string> _broken = [];

    /// <summary>The relative links that led nowhere, each with the file they were written in.</summary>
    public IReadOnlyList<string> Broken => _broken;

    /// <summary>The address <paramref name="url"/> gets on the page.</summary>
    public string Rewrite(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length == 0 || url.StartsWith('#') || Scheme().IsMatch(url))
        {
            return url;
        }

        int cut = url.IndexOfAny(['#', '?']);
        string path = cut < 0 ? url : url[..cut];
        string rest = cut < 0 ? string.Empty : url[cut..];
        string target = Path.GetFullPath(Path.Combine(_sourceDirectory, Uri.UnescapeDataString(path)));
        if (pages.TryGetValue(target, out string? page))
        {
            return Relative(page) + rest;
        }

        if (!File.Exists(target) && !Directory.Exists(target))
        {
            _broken.Add($"{Path.GetFileName(sourceFile)}: link '{url}' leads to {target}, which does not exist");
            return url;
        }

        return Relative(target) + (Directory.Exists(target) ? "/" : string.Empty) + rest;
    }

    /// <summary>A path from the page's folder to <paramref name="target"/>, as a URL (forward slashes, each part escaped).</summary>
    public string Relative(string target) =>
        string.Join('/', Path.GetRelativePath(_pageDirectory, target).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

    // A URL scheme (https:, mailto:, file:) as RFC 3986 spells one; two letters at least, so a Windows drive is not one.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex Scheme();
}
