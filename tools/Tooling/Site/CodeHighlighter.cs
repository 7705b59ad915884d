using ColorCode;

namespace Tooling;

/// <summary>
/// C# as HTML with a CSS class per kind of token (ColorCode's <see cref="HtmlClassFormatter"/>): keywords, strings,
/// comments, types. The colours live in the site's one stylesheet, so a page carries no style of its own.
/// </summary>
public static class CodeHighlighter
{
    private static readonly HtmlClassFormatter Formatter = new();

    /// <summary>
    /// <paramref name="code"/> as a <c>&lt;pre class="code csharp"&gt;</c> block, every character of it HTML-escaped
    /// and wrapped in spans by kind. A notebook's magic commands (<c>#!import</c>, <c>#r</c>) pass through as text.
    /// </summary>
    public static string CSharp(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        string html = Formatter.GetHtmlString(code.TrimEnd('\n', '\r'), Languages.CSharp);

        // ColorCode writes <div class="csharp"><pre>\n…\n</pre></div>: keep its spans, in a block of the site's own.
        int start = html.IndexOf("<pre>", StringComparison.Ordinal);
        int end = html.LastIndexOf("</pre>", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"ColorCode wrote no <pre> block for a C# cell; it wrote: {html[..Math.Min(html.Length, 200)]}");
        }

        string spans = html[(start + "<pre>".Length)..end].Trim('\n', '\r');
        return $"<pre class=\"code csharp\"><code>{spans}</code></pre>\n";
    }
}
