using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Tooling;

/// <summary>Plain text read out of a notebook's Markdown: its title, and the first sentence under it.</summary>
public static class SiteText
{
    /// <summary>The text of the first level-1 heading of <paramref name="markdown"/>, without its Markdown, or null.</summary>
    public static string? FirstHeading(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Markdown.Parse(markdown).Descendants<HeadingBlock>().Where(h => h.Level == 1).Select(h => Plain(h.Inline)).FirstOrDefault();
    }

    /// <summary>The first sentence of the first paragraph of <paramref name="markdown"/> (its Markdown taken out), or null.</summary>
    public static string? FirstSentence(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ParagraphBlock? paragraph = Markdown.Parse(markdown).Descendants<ParagraphBlock>().FirstOrDefault();
        if (paragraph is null)
        {
            return null;
        }

        string text = Regex.Replace(Plain(paragraph.Inline), @"\s+", " ").Trim();
        // A sentence ends at a full stop, question or exclamation mark followed by a space (not inside "1.5" or "e.g.x").
        Match end = Regex.Match(text, @"(?<=[.?!。])\s");
        return end.Success ? text[..end.Index] : text;
    }

    /// <summary>The text of Markdown inlines (a heading's, a paragraph's) without their markup.</summary>
    public static string Plain(ContainerInline? inline) => inline is null ? string.Empty : string.Concat(inline.Select(Plain));

    private static string Plain(Inline inline) => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        LineBreakInline => " ",
        ContainerInline container => Plain(container),
        _ => string.Empty,
    };
}
