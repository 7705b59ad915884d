using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Tooling;

/// <summary>Where a page sits among the others: what its navigation links to.</summary>
/// <param name="Home">The index of its edition.</param>
/// <param name="Previous">The previous lesson's page and title, or null for the first.</param>
/// <param name="Next">The next lesson's page and title, or null for the last.</param>
/// <param name="Switches">The same page in each other edition: its address and the edition.</param>
public sealed record PageNavigation(string Home, (string Href, string Title)? Previous, (string Href, string Title)? Next,
    IReadOnlyList<(string Href, SiteEdition Edition)> Switches);

/// <summary>The HTML of the site's pages: the frame every page shares, and a lesson's body.</summary>
public static partial class SitePageHtml
{
    /// <summary>
    /// A whole page: language, viewport, the one stylesheet, plotly.js (from the shared file, when the page has charts),
    /// a header with the way home and the language switch, <paramref name="main"/>, and <paramref name="after"/> below it.
    /// </summary>
    public static string Frame(SiteEdition edition, string title, string assets, PageNavigation navigation, string main, string after, bool charts)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(navigation);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{edition.Language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title>
            <link rel="stylesheet" href="{assets}/{SiteWriter.StyleFileName}">

            """);
        if (charts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<script src=\"{assets}/{SiteWriter.PlotlyFileName}\"></script>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </head>
            <body>
            <a class="skip" href="#content">{Encode(edition.Words.SkipToContent)}</a>
            <header class="site-header">
            <a href="{navigation.Home}">{Encode(edition.Words.SiteTitle)}</a>

            """);
        if (navigation.Switches.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<nav aria-label=\"{Encode(edition.Words.Language)}\"><ul>\n");
            foreach (var (href, other) in navigation.Switches)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><a class=\"language\" href=\"{href}\" hreflang=\"{other.Language}\" lang=\"{other.Language}\">{Encode(other.Name)}</a></li>\n");
            }

            html.Append("</ul></nav>\n");
        }

        html.Append("</header>\n<main id=\"content\">\n").Append(main).Append("</main>\n").Append(after).Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// A lesson's cells: prose as Markdown renders it, each code cell highlighted with its outputs below it, and the
    /// previous/next links and the page's origin after it.
    /// </summary>
    public static (string Main, string After) Lesson(LessonPage page, PageNavigation navigation, SiteLinks links, string sourceHref, bool outputsOfOriginal, string? runNote)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(navigation);
        var headings = new PageHeadings("content", "contents");
        var main = new StringBuilder();
        bool titled = false;
        int contentsAt = -1;
        foreach (PageCell cell in page.Cells)
        {
            switch (cell)
            {
                case ProseCell prose:
                    string html = MarkdownRenderer.ToHtml(prose.Markdown, links, headings);
                    titled |= html.Contains("<h1", StringComparison.Ordinal);
                    main.Append("<section class=\"cell prose\">\n").Append(html).Append("</section>\n");
                    contentsAt = contentsAt < 0 ? main.Length : contentsAt; // after the opening prose
                    break;
                case CodePageCell code:
                    main.Append("<div class=\"cell code-cell\">\n").Append(CodeHighlighter.CSharp(code.Code));
                    string outputs = OutputRenderer.ToHtml(code.Outputs);
                    if (outputs.Length > 0)
                    {
                        main.Append(CultureInfo.InvariantCulture, $"<div class=\"outputs\"><span class=\"visually-hidden\">{Encode(page.Edition.Words.Output)}</span>\n")
                            .Append(outputs).Append("</div>\n");
                    }

                    main.Append("</div>\n");
                    break;
            }
        }

        var sections = headings.All.Where(h => h.Level == 2).ToArray();
        if (sections.Length >= 2 && contentsAt >= 0)
        {
            var contents = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<nav class=\"contents\" id=\"contents\" aria-label=\"{Encode(page.Edition.Words.Contents)}\">\n<p>{Encode(page.Edition.Words.Contents)}</p>\n<ul>\n");
            foreach (PageHeading section in sections)
            {
                contents.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{Uri.EscapeDataString(section.Id)}\">{Encode(section.Text)}</a></li>\n");
            }

            main.Insert(contentsAt, contents.Append("</ul>\n</nav>\n").ToString());
        }

        if (!titled)
        {
            main.Insert(0, $"<h1>{Encode(page.Title)}</h1>\n"); // every page has a title a screen reader can find
        }

        var after = new StringBuilder(Pager(page.Edition, navigation));
        SiteWords words = page.Edition.Words;
        after.Append(CultureInfo.InvariantCulture, $"<footer><p>{Encode(words.Source)}: <a href=\"{sourceHref}\">{Encode(Path.GetFileName(page.SourcePath))}</a>. ")
            .Append(Encode(outputsOfOriginal ? words.OutputsOfOriginal : words.OutputsOfRun))
            .Append(runNote is null ? string.Empty : $" ({Encode(runNote)})").Append(".</p></footer>\n");
        return (main.ToString(), after.ToString());
    }

    /// <summary>The previous and next lessons' links (and the way home), as a navigation landmark.</summary>
    public static string Pager(SiteEdition edition, PageNavigation navigation)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(navigation);
        var html = new StringBuilder($"<nav class=\"pager\" aria-label=\"{Encode(edition.Words.Pager)}\">\n");
        if (navigation.Previous is var (prevHref, prevTitle))
        {
            html.Append(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"{prevHref}\">← {Encode(edition.Words.Previous)}: {Encode(prevTitle)}</a>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{navigation.Home}\">{Encode(edition.Words.Home)}</a>\n");
        if (navigation.Next is var (nextHref, nextTitle))
        {
            html.Append(CultureInfo.InvariantCulture, $"<a rel=\"next\" href=\"{nextHref}\">{Encode(edition.Words.Next)}: {Encode(nextTitle)} →</a>\n");
        }

        return html.Append("</nav>\n").ToString();
    }

    /// <summary>Text as HTML: every markup character escaped.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// When and how the executed notebook ran, as far as it says: the day its first cell started (dotnet-repl notes it
    /// in each cell's metadata) and the story clock the headless run injected ("2026-11-29, secondsPerHour = 0.2"), or null.
    /// </summary>
    public static string? RunNote(string executedPath)
    {
        var cells = NotebookFile.Cells(NotebookFile.Load(executedPath));
        string? day = cells.Select(c => c?["metadata"]?["dotnet_repl_cellExecutionStartTime"]?.GetValue<string>()).FirstOrDefault(t => t is not null) is { } started
            && DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset start)
            ? start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        string? clock = cells.Select(c => NotebookFile.Source(c!))
            .Where(source => source.StartsWith("// Injected by the headless runner", StringComparison.Ordinal))
            .Select(source => ClockLine().Match(source)).Where(m => m.Success).Select(m => m.Value.TrimEnd(';')).FirstOrDefault();
        string note = string.Join(", ", new[] { day, clock }.Where(p => p is not null));
        return note.Length == 0 ? null : note;
    }

    [GeneratedRegex(@"secondsPerHour = [0-9.Ee+-]+;")]
    private static partial Regex ClockLine();
}
