using System.Globalization;
using DeliveryTimelines;

namespace NotebookRunner;

/// <summary>Saves the charts of an executed notebook as HTML files that draw offline.</summary>
public static class ChartExport
{
    /// <summary>The marker every chart fragment from <see cref="ChartHtml.Fragment"/> carries.</summary>
    public const string ChartMarker = "class=\"delivery-timelines-chart\"";

    /// <summary>
    /// Writes each chart output of <paramref name="run"/> to <c>{directory}/{notebook}-cell{NN}-{k}.html</c>, plotly.js
    /// included, and returns the files' paths.
    /// </summary>
    public static IReadOnlyList<string> Write(NotebookRunResult run, string directory)
    {
        var written = new List<string>();
        foreach (var group in run.HtmlOutputs().Where(o => o.Html.Contains(ChartMarker, StringComparison.Ordinal)).GroupBy(o => o.CellNumber))
        {
            int k = 0;
            foreach (var (cellNumber, html) in group)
            {
                string file = Path.Combine(directory,
                    string.Create(CultureInfo.InvariantCulture, $"{run.NotebookName}-cell{cellNumber:00}-{++k}.html"));
                Directory.CreateDirectory(directory);
                File.WriteAllText(file, ChartHtml.Page(html, $"{run.NotebookName}, cell {cellNumber}"));
                written.Add(file);
            }
        }

        return written;
    }
}
