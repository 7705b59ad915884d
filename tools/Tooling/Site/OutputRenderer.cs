using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tooling;

/// <summary>
/// A code cell's outputs as HTML, in order, as a notebook front end shows them: printed text (consecutive prints of
/// one stream as one block) and plain-text results escaped, HTML results (tables, charts) as they are, images inline,
/// errors as text. One thing is taken out: the setup cell's copy of plotly.js, which the site serves once as a file.
/// </summary>
public static partial class OutputRenderer
{
    /// <summary>
    /// <paramref name="outputs"/> as HTML, each in a <c>div class="output"</c>; empty when there are none to show.
    /// </summary>
    public static string ToHtml(IEnumerable<JsonObject> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var html = new StringBuilder();
        var stream = new StringBuilder();
        string? streamName = null;

        void EndStream()
        {
            if (streamName is not null && stream.Length > 0)
            {
                html.Append("<div class=\"output\"><pre class=\"").Append(streamName == "stderr" ? "stderr" : "stdout").Append("\">")
                    .Append(WebUtility.HtmlEncode(stream.ToString().TrimEnd('\n'))).Append("</pre></div>\n");
            }

            stream.Clear();
            streamName = null;
        }

        foreach (JsonObject output in outputs)
        {
            string type = output["output_type"]?.GetValue<string>() ?? string.Empty;
            if (type == "stream")
            {
                string name = output["name"]?.GetValue<string>() ?? "stdout";
                if (streamName != name)
                {
                    EndStream();
                    streamName = name;
                }

                stream.Append(NotebookFile.StreamText(output));
                continue;
            }

            EndStream();
            string? shown = type == "error" ? Error(output) : Display(output);
            if (!string.IsNullOrWhiteSpace(shown))
            {
                html.Append("<div class=\"output\">").Append(shown).Append("</div>\n");
            }
        }

        EndStream();
        return html.ToString();
    }

    /// <summary>
    /// <paramref name="html"/> without the script elements of <see cref="DeliveryTimelines.ChartHtml.PlotlyLoader"/>
    /// (the copy of plotly.js the setup cell puts on a notebook's page, and its guard for require.js).
    /// </summary>
    public static string WithoutPlotlyLoader(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return PlotlyLoaderScript().Replace(html, string.Empty);
    }

    private static string? Display(JsonObject output)
    {
        if (NotebookFile.Data(output, "text/html") is { } html)
        {
            html = WithoutPlotlyLoader(html);
            return ChartCaption(html) is { } caption
                ? $"<figure class=\"chart\"><figcaption class=\"visually-hidden\">{WebUtility.HtmlEncode(caption)}</figcaption>\n{html}</figure>"
                : html;
        }

        if (NotebookFile.Data(output, "image/svg+xml") is { } svg)
        {
            return svg;
        }

        foreach (string image in (string[])["image/png", "image/jpeg", "image/gif"])
        {
            if (NotebookFile.Data(output, image) is { } base64)
            {
                return $"<img alt=\"an image the cell displayed\" src=\"data:{image};base64,{WebUtility.HtmlEncode(base64.Replace("\n", string.Empty, StringComparison.Ordinal))}\">";
            }
        }

        return NotebookFile.Data(output, "text/plain") is { Length: > 0 } text
            ? $"<pre class=\"result\">{WebUtility.HtmlEncode(text.TrimEnd('\n'))}</pre>"
            : null;
    }

    /// <summary>
    /// What a chart output shows, in words, for a reader who cannot see it: a timeline chart's panels with their
    /// totals ("Timeline chart: sequential (total 6.00 h); concurrent (total 3.00 h)"), or another chart's title. Null
    /// for an output that is not one of the course's charts, or a chart with neither.
    /// </summary>
    public static string? ChartCaption(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal) || FigureLine().Match(html) is not { Success: true } figure)
        {
            return null;
        }

        JsonNode? layout = JsonNode.Parse(figure.Groups["json"].Value)?["layout"];
        if (layout?["meta"]?["timelines"] is JsonArray claims && DeliveryTimelines.TimelinePanelClaim.Read(claims.ToJsonString()) is { Count: > 0 } panels)
        {
            return "Timeline chart: " + string.Join("; ", panels.Select(p => $"{p.Title} ({p.TotalLabel})"));
        }

        return (layout?["title"] is JsonObject title ? title["text"] : layout?["title"]) is JsonValue text && text.GetValue<string>() is { Length: > 0 } words
            ? "Chart: " + words
            : null;
    }

    private static string Error(JsonObject output)
    {
        string name = output["ename"]?.GetValue<string>() ?? "Error";
        string value = output["evalue"]?.GetValue<string>() ?? string.Empty;
        return $"<pre class=\"error\">{WebUtility.HtmlEncode($"{name}: {value}".TrimEnd('\n'))}</pre>";
    }

    // The three scripts of ChartHtml.PlotlyLoader: hide require.js's define, plotly.js itself, give define back.
    [GeneratedRegex(@"<script type=""text/javascript"">if \(!window\.Plotly\) \{ window\.__deliveryDefine = window\.define; window\.define = undefined; \}</script>\n?" +
                    @"|<script type=""text/javascript"">if \(!window\.Plotly\) \{\n.*?\n\}</script>\n?" +
                    @"|<script type=""text/javascript"">if \(window\.__deliveryDefine\) \{ window\.define = window\.__deliveryDefine; delete window\.__deliveryDefine; \}</script>\n?",
        RegexOptions.Singleline)]
    private static partial Regex PlotlyLoaderScript();

    // The figure a chart fragment draws (ChartHtml.FigureFragment writes it on a line of its own).
    [GeneratedRegex(@"^\s*var figure = (?<json>\{.*\});$", RegexOptions.Multiline)]
    private static partial Regex FigureLine();
}
