using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Tooling;

/// <summary>
/// A notebook's prose as HTML, through Markdig: CommonMark with pipe tables, an id on every heading (GitHub's spelling,
/// so links written for GitHub's notebook view find them), raw HTML kept (the solutions' <c>&lt;details&gt;</c>), C#
/// blocks highlighted as the code cells are, and links rewritten for the site (<see cref="SiteLinks"/>).
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    private static readonly HashSet<string> CSharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "cs", "c#" };

    /// <summary>
    /// <paramref name="markdown"/> as HTML, its headings added to <paramref name="headings"/> (the page's, across cells),
    /// which gives each an id unique on the page.
    /// </summary>
    public static string ToHtml(string markdown, SiteLinks links, PageHeadings headings)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(headings);
        MarkdownDocument document = Markdown.Parse(markdown, Pipeline);
        foreach (HeadingBlock heading in document.Descendants<HeadingBlock>())
        {
            HtmlAttributes attributes = heading.GetAttributes();
            if (attributes.Id is { } id)
            {
                attributes.Id = headings.Add(heading.Level, id, SiteText.Plain(heading.Inline));
            }
        }

        foreach (LinkInline link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url)
            {
                link.Url = links.Rewrite(url);
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        int index = renderer.ObjectRenderers.FindIndex(r => r is CodeBlockRenderer);
        renderer.ObjectRenderers[index] = new HighlightedCodeBlockRenderer((CodeBlockRenderer)renderer.ObjectRenderers[index]);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>A fenced C# block drawn as a code cell is; every other block as Markdig draws it.</summary>
    private sealed class HighlightedCodeBlockRenderer(CodeBlockRenderer plain) : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            if (obj is FencedCodeBlock { Info: { } info } && CSharpNames.Contains(info.Trim()))
            {
                renderer.EnsureLine();
                renderer.Write(CodeHighlighter.CSharp(obj.Lines.ToString()));
            }
            else
            {
                plain.Write(renderer, obj);
            }
        }
    }
}
