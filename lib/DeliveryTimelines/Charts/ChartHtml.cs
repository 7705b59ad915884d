using System.Globalization;
using System.Net;
using System.Text;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>
/// Turns Plotly charts into HTML that draws with no network: whole files with plotly.js inside, and notebook
/// fragments that share one copy of plotly.js loaded by the setup cell.
/// </summary>
/// <remarks>
/// plotly.js comes from the copy embedded in the Plotly.NET package (pinned by its version in
/// Directory.Packages.props), never from a CDN, so a chart saved today draws on a plane tomorrow.
/// </remarks>
public static class ChartHtml
{
    private static readonly Lazy<(string Version, string Script)> PlotlyJs = new(LoadPlotlyJs);

    /// <summary>The version of the plotly.js that every chart embeds or loads.</summary>
    public static string PlotlyJsVersion => PlotlyJs.Value.Version;

    /// <summary>
    /// The plotly.js script itself (minified), for a page or site that serves it as a file of its own instead of
    /// loading it with <see cref="PlotlyLoader"/> or embedding it with <see cref="Page"/>.
    /// </summary>
    public static string PlotlyJsScript => PlotlyJs.Value.Script;

    /// <summary>A complete, self-contained HTML page of <paramref name="chart"/>, plotly.js included.</summary>
    /// <param name="chart">The chart to draw.</param>
    /// <param name="title">The page title; "chart" when null.</param>
    public static string Document(GenericChart chart, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Page(Fragment(chart), title);
    }

    /// <summary>
    /// A complete HTML page with plotly.js included and <paramref name="bodyHtml"/> as its body: wraps one or more
    /// <see cref="Fragment"/>s (for example chart outputs taken from an executed notebook) into a file that draws offline.
    /// </summary>
    public static string Page(string bodyHtml, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        var html = new StringBuilder(PlotlyJs.Value.Script.Length + bodyHtml.Length + 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title ?? "chart"))
            .Append("</title>\n<meta name=\"generator\" content=\"DeliveryTimelines with plotly.js ")
            .Append(PlotlyJsVersion).Append("\">\n<script type=\"text/javascript\">")
            .Append(PlotlyJs.Value.Script)
            .Append("</script>\n</head>\n<body style=\"margin:0;font-family:sans-serif\">\n")
            .Append(bodyHtml)
            .Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes <see cref="Document"/> to <paramref name="path"/> (creating its folder) and returns the full path.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or is an existing folder.</exception>
    /// <exception cref="IOException">The file cannot be written there; the message says why, and names the path.</exception>
    public static string Save(GenericChart chart, string path, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            // File.WriteAllText would say only "access denied", which sends the reader looking at permissions.
            throw new ArgumentException($"'{full}' is a folder; give the path of the chart file to write, such as {Path.Combine(full, "chart.html")}.", nameof(path));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Document(chart, title ?? Path.GetFileNameWithoutExtension(full)), new UTF8Encoding(false));
        return full;
    }

    /// <summary>
    /// A <c>div</c> and a script that draws <paramref name="chart"/> with the page's <c>window.Plotly</c>, waiting for
    /// it to load if needed. In a notebook, <see cref="PlotlyLoader"/> (run once by the setup cell) provides it.
    /// Once plotly.js has drawn the chart, the div carries <c>data-drawn="true"</c> (<c>"failed"</c> if it could not,
    /// <c>"no plotly.js"</c> if plotly.js never came),
    /// which is what the browser tests and the screenshot tool wait for.
    /// </summary>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return FigureFragment(GenericChart.toFigureJson(chart));
    }

    /// <summary>
    /// <see cref="Fragment"/> of a figure given as plotly.js JSON (<c>{"data": …, "layout": …}</c>): for a chart made
    /// by another copy of Plotly.NET, whose <see cref="GenericChart"/> is not this library's type.
    /// </summary>
    internal static string FigureFragment(string figureJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(figureJson);
        string id = "delivery-chart-" + Guid.NewGuid().ToString("N");
        string figure = ScriptSafe(figureJson);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            <div id="{{id}}" class="delivery-timelines-chart"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              var tries = 0;
              function draw() {
                var el = document.getElementById("{{id}}");
                if (el && window.Plotly) {
                  // A chart whose output was replaced (a re-run cell, a live chart's redraw) stays alive in plotly.js,
                  // with its window resize listener, until purged: purge those that left the page before drawing.
                  window.__deliveryCharts = (window.__deliveryCharts || []).filter(function (old) {
                    if (old.isConnected) { return true; }
                    window.Plotly.purge(old);
                    return false;
                  });
                  window.__deliveryCharts.push(el);
                  window.Plotly.newPlot(el, figure.data, figure.layout, { responsive: true, displaylogo: false })
                    .then(function () { el.setAttribute("data-drawn", "true"); },
                          function (e) { el.setAttribute("data-drawn", "failed"); console.error(e); });
                } else if (tries++ < 200) {
                  setTimeout(draw, 50);
                } else if (el) {
                  el.textContent = "plotly.js is not loaded here: run the notebook's first cell (#!import ../lib/setup.dib).";
                  el.setAttribute("data-drawn", "no plotly.js");
                }
              }
              draw();
            })();
            </script>

            """);
    }

    /// <summary>
    /// Script tags that put plotly.js on the page as <c>window.Plotly</c>, once. Safe next to require.js (classic
    /// Jupyter), which would otherwise capture plotly.js as an anonymous AMD module.
    /// </summary>
    public static string PlotlyLoader() =>
        "<script type=\"text/javascript\">if (!window.Plotly) { window.__deliveryDefine = window.define; window.define = undefined; }</script>\n" +
        "<script type=\"text/javascript\">if (!window.Plotly) {\n" + PlotlyJs.Value.Script + "\n}</script>\n" +
        "<script type=\"text/javascript\">if (window.__deliveryDefine) { window.define = window.__deliveryDefine; delete window.__deliveryDefine; }</script>\n";

    /// <summary>
    /// <paramref name="json"/> made safe to sit inside a <c>&lt;script&gt;</c> element, meaning the same to JavaScript.
    /// </summary>
    /// <remarks>
    /// The HTML parser reads a script's text before JavaScript does, and only looks for "&lt;/script", "&lt;!--" and
    /// "&lt;script" in it: a name containing one of them could end the script early (and what follows would be parsed as
    /// markup), or hide its real end. In JSON, "&lt;" appears only inside strings, where <c>\u003c</c> is the same
    /// character, so writing every "&lt;" that way leaves the HTML parser nothing to find. U+2028 and U+2029 are
    /// escaped too, for JavaScript engines older than ES2019 that end a string literal at them.
    /// </remarks>
    internal static string ScriptSafe(string json) => json
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    private static (string Version, string Script) LoadPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        string resource = assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using Stream stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string version = resource["Plotly.NET.plotly-".Length..^".min.js".Length];
        return (version, reader.ReadToEnd());
    }
}
