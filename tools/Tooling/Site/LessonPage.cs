using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>One cell of a lesson page: prose (Markdown), or code with the outputs it had when the notebook ran.</summary>
public abstract record PageCell;

/// <summary>A Markdown cell.</summary>
public sealed record ProseCell(string Markdown) : PageCell;

/// <summary>A code cell and the outputs its executed run left, in order.</summary>
public sealed record CodePageCell(string Code, IReadOnlyList<JsonObject> Outputs) : PageCell;

/// <summary>
/// A lesson as the site shows it: the notebook it comes from (whose prose and code it shows), its cells in order, and
/// where the outputs came from (the executed notebook).
/// </summary>
/// <param name="Edition">The edition (language) it belongs to.</param>
/// <param name="Name">The notebook's file name without .ipynb; the page is <c>{Name}.html</c>.</param>
/// <param name="SourcePath">The notebook its prose and code come from.</param>
/// <param name="ExecutedPath">The executed notebook its outputs come from.</param>
/// <param name="Cells">Its cells, in the notebook's order.</param>
/// <param name="RanPath">The notebook whose run <paramref name="ExecutedPath"/> is, when it is another one (the original of a translation); null when it is this one's.</param>
public sealed record LessonPage(SiteEdition Edition, string Name, string SourcePath, string ExecutedPath, IReadOnlyList<PageCell> Cells, string? RanPath = null)
{
    /// <summary>The page's file name.</summary>
    public string FileName => Name + ".html";

    /// <summary>The text of the notebook's first heading (its title), or its name when it has none.</summary>
    public string Title => Cells.OfType<ProseCell>().Select(c => SiteText.FirstHeading(c.Markdown)).FirstOrDefault(t => t is not null) ?? Name;

    /// <summary>The first sentence of the prose under the title: the lesson in one line, for the index.</summary>
    public string Summary => Cells.OfType<ProseCell>().Select(c => SiteText.FirstSentence(c.Markdown)).FirstOrDefault(t => t is not null) ?? string.Empty;

    /// <summary>True when an output of the page draws a chart (the page then loads plotly.js).</summary>
    public bool HasCharts => Cells.OfType<CodePageCell>().SelectMany(c => c.Outputs)
        .Any(o => NotebookFile.Data(o, "text/html")?.Contains(ChartExport.ChartMarker, StringComparison.Ordinal) == true);
}
