using System.Globalization;
using DeliveryTimelines;

namespace Tooling;

/// <summary>One trace as the browser drew it.</summary>
/// <param name="Type">The plotly trace type: bar, scatter, ….</param>
/// <param name="Name">The trace's legend name.</param>
/// <param name="XAxis">The x axis it is drawn on: "x" for the first panel, "x2" for the second, ….</param>
/// <param name="Points">How many points its data holds.</param>
/// <param name="DrawnPoints">How many bars or markers the SVG holds with a real shape.</param>
/// <param name="DrawnLine">Whether it has a drawn line.</param>
public sealed record DrawnTrace(string Type, string Name, string XAxis, int Points, int DrawnPoints, bool DrawnLine);

/// <summary>An annotation's text and where it is on the page, in CSS pixels.</summary>
public sealed record DrawnText(string Text, double Left, double Top, double Right, double Bottom)
{
    /// <summary>True when the two texts cover some of the same pixels.</summary>
    public bool Overlaps(DrawnText other) =>
        Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;
}

/// <summary>An axis title as drawn: <paramref name="Axis"/> is "x", "y2", ….</summary>
public sealed record AxisTitle(string Axis, string Text);

/// <summary>
/// What one chart on a page drew (read from the SVG plotly.js made), next to what its figure claims to show
/// (<c>layout.meta.timelines</c>: the <see cref="TimelinePanelClaim"/>s <see cref="TimelineChart"/> wrote).
/// </summary>
/// <param name="Drawn">"true" once plotly.js finished drawing, "failed" if it threw, "no plotly.js" if plotly.js never came, empty if the chart has not drawn yet.</param>
/// <param name="Claims">The figure's <c>layout.meta.timelines</c> as JSON, "null" for a chart that is not a timeline chart.</param>
/// <param name="Traces">Every trace in the SVG.</param>
/// <param name="AxisTitles">Every axis title in the SVG.</param>
/// <param name="Annotations">Every annotation in the SVG: its text and place.</param>
/// <param name="Shapes">How many layout shapes (lines, rectangles) the SVG holds.</param>
/// <param name="Width">The chart's width on the page, in CSS pixels.</param>
/// <param name="Height">The chart's height on the page, in CSS pixels.</param>
public sealed record DrawnChart(
    string Drawn, string Claims, IReadOnlyList<DrawnTrace> Traces, IReadOnlyList<AxisTitle> AxisTitles,
    IReadOnlyList<DrawnText> Annotations, int Shapes, double Width, double Height)
{
    /// <summary>
    /// Where the drawing falls short of the figure. Every chart: it drew, has a visible size, draws something for
    /// each trace, and has its axes titled. A timeline chart, per panel: one drawn bar per span with a length and a
    /// marker per instant (or, aggregated, one drawn line per series and no bars), its title, its total label in its
    /// unit ("total 3.01 h", <see cref="TimelinePanelClaim.TotalLabel"/>) and dashed total-elapsed line, and a titled
    /// row axis. For the figure: one time unit for every panel, the time axis titled in it ("story hours since
    /// start", <see cref="TimelinePanelClaim.TimeAxisTitle"/>), in story hours the clock's scale stated
    /// (<see cref="TimelinePanelClaim.ClockNote"/>); and no two annotations (titles, totals, notes) printed over
    /// each other.
    /// </summary>
    public IReadOnlyList<string> Mismatches()
    {
        var found = new List<string>();
        if (Drawn != "true")
        {
            found.Add(Drawn switch
            {
                "failed" => "plotly.js failed to draw it",
                "" => "it never drew (plotly.js missing, or still drawing)",
                _ => $"it never drew ({Drawn})",
            });
            return found;
        }

        if (Width < 100 || Height < 100)
        {
            found.Add($"it is {Width:F0} × {Height:F0} px on the page: too small to see");
        }

        for (int i = 0; i < Annotations.Count; i++)
        {
            found.AddRange(Annotations.Skip(i + 1).Where(Annotations[i].Overlaps)
                .Select(other => $"'{Annotations[i].Text}' and '{other.Text}' are printed over each other"));
        }

        foreach (DrawnTrace trace in Traces.Where(t => t.Points > 0 && t.DrawnPoints == 0 && !t.DrawnLine))
        {
            found.Add($"trace '{trace.Name}' ({trace.Type}) has {trace.Points} point(s) but nothing drawn");
        }

        IReadOnlyList<TimelinePanelClaim>? panels = TimelinePanelClaim.Read(Claims);
        if (panels is null)
        {
            if (AxisTitles.Count == 0)
            {
                found.Add("no axis is titled");
            }

            return found;
        }

        for (int i = 0; i < panels.Count; i++)
        {
            found.AddRange(PanelMismatches(panels[i], i == 0 ? string.Empty : (i + 1).ToString(CultureInfo.InvariantCulture))
                .Select(m => $"panel '{panels[i].Title}': {m}"));
        }

        if (Shapes != panels.Count)
        {
            found.Add($"{Shapes} shape(s) drawn for {panels.Count} panel(s): each panel has one dashed total-elapsed line");
        }

        found.AddRange(TimeMismatches(panels));
        return found;
    }

    /// <summary>Whether the figure tells time as its claims say: one unit, the axis titled in it, the clock's scale stated.</summary>
    private IEnumerable<string> TimeMismatches(IReadOnlyList<TimelinePanelClaim> panels)
    {
        string[] units = [.. panels.Select(p => p.Unit ?? "none").Distinct(StringComparer.Ordinal)];
        if (units.Length != 1)
        {
            yield return $"its panels share one time axis but claim {units.Length} units ({string.Join(", ", units)})";
            yield break;
        }

        TimelinePanelClaim first = panels[0];
        if (first.TimeAxisTitle is not { } axisTitle)
        {
            yield return $"its time unit '{units[0]}' is none of '{TimelinePanelClaim.HoursUnit}', '{TimelinePanelClaim.SecondsUnit}', '{TimelinePanelClaim.MillisecondsUnit}'";
            yield break;
        }

        string lastX = "x" + (panels.Count == 1 ? string.Empty : panels.Count.ToString(CultureInfo.InvariantCulture));
        if (!AxisTitles.Any(t => t.Axis == lastX && t.Text == axisTitle))
        {
            yield return $"the time axis ({lastX}) is not titled '{axisTitle}'";
        }

        if (first.Unit == TimelinePanelClaim.HoursUnit)
        {
            if (first.ClockNote is not { } note)
            {
                yield return "it is in story hours but claims no clock scale";
            }
            else if (!Annotations.Any(a => a.Text.StartsWith(note, StringComparison.Ordinal)))
            {
                yield return $"it is in story hours but does not state its scale ('{note}')";
            }
        }
    }

    private IEnumerable<string> PanelMismatches(TimelinePanelClaim panel, string suffix)
    {
        var traces = Traces.Where(t => t.XAxis == "x" + suffix).ToArray();
        int Drawn(string type) => traces.Where(t => t.Type == type).Sum(t => t.DrawnPoints);

        if (panel.Aggregated)
        {
            int series = panel.Series ?? 0;
            int lines = traces.Count(t => t.Type == "scatter" && t.DrawnLine);
            if (lines != series)
            {
                yield return $"aggregated into {series} series but {lines} line(s) drawn";
            }

            if (traces.Any(t => t.Type == "bar"))
            {
                yield return "aggregated, yet bars are drawn";
            }
        }
        else
        {
            int bars = panel.Bars ?? 0, instants = panel.Instants ?? 0;
            if (Drawn("bar") != bars)
            {
                yield return $"{bars} span(s) with a length, one bar each, but {Drawn("bar")} bar(s) drawn";
            }

            if (Drawn("scatter") != instants)
            {
                yield return $"{instants} instant(s), one marker each, but {Drawn("scatter")} marker(s) drawn";
            }
        }

        string total = panel.TotalLabel;
        if (!Annotations.Any(a => a.Text == total))
        {
            yield return $"no '{total}' label";
        }

        if (!Annotations.Any(a => a.Text == panel.Title))
        {
            yield return "its title is not shown";
        }

        if (!AxisTitles.Any(t => t.Axis == "y" + suffix && t.Text.Length > 0))
        {
            yield return $"its row axis (y{suffix}) has no title";
        }
    }
}
