using System.Text;

namespace DeliveryTimelines;

/// <summary>
/// Text from a person (a delivery's name, a phase, a timeline's or chart's title) made safe to put into a plotly.js
/// figure, where it must show exactly as typed.
/// </summary>
/// <remarks>
/// plotly.js reads every text it draws (titles, annotations, legend entries, tick labels, bar labels, hover labels)
/// as a small subset of HTML: <c>&lt;b&gt;</c>, <c>&lt;br&gt;</c>, <c>&lt;a href&gt;</c> and a few more tags, and the
/// entities <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> and numeric ones (<c>&amp;#37;</c>; not
/// <c>&amp;quot;</c>, which it would show as typed). A hover template also replaces <c>%{…}</c> with data, and text
/// between two <c>$</c> signs is typeset as LaTeX where the page has MathJax (as some notebook front ends do). So a
/// name like <c>&lt;b&gt;A&lt;/b&gt;</c> would draw bold, <c>%{x}</c> would turn into a number, and <c>$x$</c> into
/// a formula. <see cref="Escape"/> writes the five characters behind all of that as entities that plotly.js turns
/// back into the characters themselves, and nothing else changes.
/// </remarks>
internal static class PlotlyText
{
    /// <summary>
    /// <paramref name="text"/> with <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>%</c> and <c>$</c> written as entities,
    /// so plotly.js draws it literally wherever it goes: a title, a label, a legend entry, or a hover template.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>%$") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            string? entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '%' => "&#37;",
                '$' => "&#36;",
                _ => null,
            };
            if (entity is null)
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(entity);
            }
        }

        return escaped.ToString();
    }
}
