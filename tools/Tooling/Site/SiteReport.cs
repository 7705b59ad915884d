using System.Globalization;

namespace Tooling;

/// <summary>What <see cref="SiteWriter.Write"/> wrote, how big it is, and what kept it from being whole.</summary>
/// <param name="Directory">The site's folder; its front page is <c>index.html</c>.</param>
/// <param name="Pages">Every page written (full paths), index pages first, then lessons in order, per edition.</param>
/// <param name="Problems">A notebook with no page because it changed since it ran, a translation whose code differs, a link that leads nowhere, a missing picture.</param>
/// <param name="TotalBytes">Every file of the site, plotly.js and pictures included.</param>
/// <param name="LargestPage">The largest page (HTML file) and its size.</param>
/// <param name="NotRun">The notebooks that have no page because they have not been run (after a run of some with --only): not a fault of the site.</param>
public sealed record SiteReport(string Directory, IReadOnlyList<string> Pages, IReadOnlyList<string> Problems, long TotalBytes, (string Path, long Bytes) LargestPage,
    IReadOnlyList<string> NotRun)
{
    /// <summary>One line for a person: pages, total size, the largest page.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Pages.Count} page(s), {TotalBytes / 1024.0 / 1024.0:F2} MB in all (plotly.js {new FileInfo(Path.Combine(Directory, SiteWriter.AssetsFolder, SiteWriter.PlotlyFileName)).Length / 1024.0 / 1024.0:F2} MB of it, once); " +
        $"largest page {System.IO.Path.GetRelativePath(Directory, LargestPage.Path)}, {LargestPage.Bytes / 1024.0:F0} KB");
}
