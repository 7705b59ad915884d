using System.Globalization;
using System.Text.RegularExpressions;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The chart a lesson's live cell (one that awaits <see cref="LiveTimeline"/>) left in the executed notebook: exactly
/// one, a frame of a live display, the final one.
/// </summary>
internal static partial class LiveChartCells
{
    [GeneratedRegex("\"elapsed\":(?<elapsed>[0-9.eE+-]+),\"unit\":\"(?<unit>[a-z]+)\"(,\"secondsPerHour\":(?<scale>[0-9.eE+-]+))?")]
    private static partial Regex ElapsedClaim();

    /// <summary>
    /// The one chart of the code cell that starts with <paramref name="firstLine"/>, asserted to be a live display's
    /// frame (the runner keeps the last frame of each live display).
    /// </summary>
    public static string FinalChart(NotebookRunResult run, string firstLine)
    {
        var cells = NotebookFile.Cells(run.Executed!);
        int cell = 1 + Assert.Single(Enumerable.Range(0, cells.Count),
            i => NotebookFile.IsCode(cells[i]!) && NotebookFile.Source(cells[i]!).StartsWith(firstLine, StringComparison.Ordinal));
        string chart = Assert.Single(run.HtmlOutputs(),
            o => o.CellNumber == cell && o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal)).Html;
        Assert.True(LiveDisplayFrame.DisplayIdOf(chart) is not null, $"the chart of cell {cell} ({firstLine}) is not a live display's frame");
        return chart;
    }

    /// <summary>
    /// Over stdio, as VS Code runs it: the code cell that starts with <paramref name="firstLine"/> showed one display
    /// and replaced it in place (DisplayedValueUpdated, same display id) while its work ran: the first frame shows at
    /// most half of the finished round, the last one all of it.
    /// </summary>
    public static void AssertRedrawnWhileRunning(StdioNotebookRun run, string firstLine)
    {
        Assert.True(run.Result.Succeeded, run.Result.Describe());
        CellRun cell = Assert.Single(run.Cells, c => c.FirstLine.StartsWith(firstLine, StringComparison.Ordinal)).Run;
        KernelEvent shown = Assert.Single(cell.OfType(KernelEnvelope.DisplayedValueProduced));
        KernelEvent[] updates = [.. cell.OfType(KernelEnvelope.DisplayedValueUpdated)];

        Assert.True(updates.Length >= 2, $"{updates.Length} redraw(s) of the chart ({firstLine})");
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        double first = ElapsedSeconds(shown.FormattedValues["text/html"]), last = ElapsedSeconds(updates[^1].FormattedValues["text/html"]);
        Assert.True(first <= 0.5 * last, $"the first frame showed {first:F3} s of a round of {last:F3} s: it was not drawn while the round ran ({firstLine})");
    }

    /// <summary>The elapsed time the chart's first panel claims (<see cref="TimelinePanelClaim"/>), in real seconds whatever its unit.</summary>
    public static double ElapsedSeconds(string chart)
    {
        Match claim = ElapsedClaim().Match(chart);
        Assert.True(claim.Success, "the chart carries no timeline claim");
        double elapsed = double.Parse(claim.Groups["elapsed"].Value, CultureInfo.InvariantCulture);
        return claim.Groups["unit"].Value switch
        {
            TimelinePanelClaim.MillisecondsUnit => elapsed / 1000,
            TimelinePanelClaim.SecondsUnit => elapsed,
            TimelinePanelClaim.HoursUnit => elapsed * double.Parse(claim.Groups["scale"].Value, CultureInfo.InvariantCulture),
            string unit => throw new InvalidDataException($"a timeline claim in the unit '{unit}'"),
        };
    }
}
