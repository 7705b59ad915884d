using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>What the first cell of every notebook does, through <c>#!import ../lib/setup.dib</c>.</summary>
public static class Notebook
{
    private static int _formattersRegistered;

    /// <summary>
    /// Makes charts display in the notebook: registers HTML formatters so that a <see cref="GenericChart"/> or a
    /// <see cref="Timeline"/> that is a cell's result draws as a chart, and returns the HTML that loads plotly.js
    /// once for the whole notebook (display it; the setup cell does).
    /// </summary>
    /// <remarks>
    /// Charts draw from the plotly.js copy inside the Plotly.NET package, so an executed notebook draws offline.
    /// Plotly.NET.Interactive's own formatter is not used because it links plotly.js from a CDN.
    /// </remarks>
    public static string Setup()
    {
        if (Interlocked.Exchange(ref _formattersRegistered, 1) == 0)
        {
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Fragment(chart)), HtmlFormatter.MimeType);
            Formatter.Register<Timeline>((timeline, writer) => writer.Write(ChartHtml.Fragment(TimelineChart.Gantt(timeline))), HtmlFormatter.MimeType);
        }

        return ChartHtml.PlotlyLoader() + string.Create(CultureInfo.InvariantCulture,
            $"<p><em>DeliveryTimelines loaded; charts draw offline with plotly.js {ChartHtml.PlotlyJsVersion}. " +
            $"Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores.</em></p>");
    }
}
