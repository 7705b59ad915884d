using System.Globalization;
using System.Net;
using System.Text;
using DeliveryTimelines;

namespace Tooling;

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

    /// <summary>
    /// Writes the outputs of <paramref name="run"/> as one HTML page, <c>{directory}/{notebook}.html</c>, in cell order
    /// as a notebook front end shows them: HTML outputs as they are (the setup cell's plotly.js loader first, then each
    /// chart drawing with it) and printed text in between. Nothing is added, plotly.js included: a chart on this
    /// page draws offline exactly when the executed notebook does. Returns the page's path.
    /// </summary>
    public static string WriteOutputsPage(NotebookRunResult run, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var body = new StringBuilder();
        if (run.Executed is { } executed)
        {
            var cells = NotebookFile.Cells(executed);
            for (int i = 0; i < cells.Count; i++)
            {
                foreach (var output in NotebookFile.Outputs(cells[i]!))
                {
                    string text = NotebookFile.PrintedText(output);
                    string? html = NotebookFile.Data(output, "text/html")
                        ?? (string.IsNullOrEmpty(text) ? null : $"<pre>{WebUtility.HtmlEncode(text)}</pre>\n");
                    if (html is not null)
                    {
                        body.Append(CultureInfo.InvariantCulture, $"<!-- cell {i + 1} -->\n").Append(html);
                    }
                }
            }
        }

        string path = Path.Combine(directory, run.NotebookName + ".html");
        Directory.CreateDirectory(directory);
        File.WriteAllText(path,
            $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{WebUtility.HtmlEncode(run.NotebookName)}: outputs</title>\n</head>\n" +
            $"<body style=\"margin:1em;font-family:sans-serif\">\n<style>pre {{ white-space: pre-wrap; }}</style>\n{body}</body>\n</html>\n");
        return path;
    }
}
