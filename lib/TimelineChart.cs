using System.Globalization;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>
/// Plotly charts of <see cref="Timeline"/>s: who waited when (a Gantt chart), two runs of the same work compared,
/// and which thread ran what.
/// </summary>
/// <remarks>
/// Every chart uses seconds on the x axis and one row per delivery (or per thread). Spans with a length are drawn
/// as bars, one bar per span; instant events (delivered, dishes collected, cancelled) as markers on their row; and
/// a dashed line marks each timeline's total elapsed time. Display a chart in a notebook by making it a cell's
/// result; save it with <see cref="ChartHtml.Save"/>.
/// </remarks>
public static class TimelineChart
{
    private const int RowHeight = 34;
    private const int PanelPadding = 90;

    private static readonly Dictionary<string, string> PhaseColors = new(StringComparer.Ordinal)
    {
        [Phase.Delivering] = "#4E79A7",
        [Phase.Eating] = "#F28E2B",
        [Phase.Collecting] = "#59A14F",
        [Phase.Cooking] = "#B07AA1",
        [Phase.Cancelled] = "#E15759",
    };

    private static readonly string[] FallbackColors = ["#76B7B2", "#EDC948", "#FF9DA7", "#9C755F", "#BAB0AC"];

    private static readonly Dictionary<string, string> InstantSymbols = new(StringComparer.Ordinal)
    {
        [Phase.Delivering] = "triangle-right",
        [Phase.Collecting] = "circle",
        [Phase.Cancelled] = "x",
    };

    /// <summary>A Gantt chart of one timeline: a row per delivery, a bar per span, x in seconds, total elapsed marked.</summary>
    public static GenericChart Gantt(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return Compare(timeline);
    }

    /// <summary>
    /// Several runs of the same work stacked in one figure on a shared time axis, each panel titled with its
    /// timeline's <see cref="Timeline.Title"/> and elapsed time: sequential above concurrent shows 6 hours against 3.
    /// </summary>
    /// <exception cref="ArgumentException">No timeline was given, or one of them is null.</exception>
    public static GenericChart Compare(params Timeline[] timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        if (timelines.Length == 0 || timelines.Any(t => t is null))
        {
            throw new ArgumentException("Give one or more timelines, none of them null.", nameof(timelines));
        }

        var panels = timelines
            .Select(t => new Panel(t.Title, t.Spans, t.Elapsed, s => s.Name, IncludeInstants: true))
            .ToArray();
        return Build(panels, rowAxisTitle: "delivery");
    }

    /// <summary>
    /// Thread lanes: one row per managed thread, a bar for each span that thread began, labelled with the span's
    /// name. Shows who ran where: one busy lane for sequential work, a lane per core for parallel work.
    /// </summary>
    public static GenericChart ThreadLanes(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var panel = new Panel(timeline.Title, timeline.Spans, timeline.Elapsed,
            s => $"thread {s.ThreadId.ToString(CultureInfo.InvariantCulture)}", IncludeInstants: false);
        return Build([panel], rowAxisTitle: "thread", labelBars: true);
    }

    private sealed record Panel(
        string Title, IReadOnlyList<TimelineSpan> Spans, TimeSpan Elapsed, Func<TimelineSpan, string> Row, bool IncludeInstants)
    {
        public string[] Rows => Spans.Select(Row).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static GenericChart Build(Panel[] panels, string rowAxisTitle, bool labelBars = false)
    {
        var traces = new List<Trace>();
        var layout = new Layout();
        var shapes = new List<Dictionary<string, object>>();
        var annotations = new List<Dictionary<string, object>>();
        var legendShown = new HashSet<string>(StringComparer.Ordinal);
        var colors = new Dictionary<string, string>(PhaseColors, StringComparer.Ordinal);
        string ColorOf(string phase)
        {
            if (!colors.TryGetValue(phase, out string? color))
            {
                color = FallbackColors[(colors.Count - PhaseColors.Count) % FallbackColors.Length]; // in order of appearance
                colors[phase] = color;
            }

            return color;
        }

        int[] rowCounts = panels.Select(p => Math.Max(1, p.Rows.Length)).ToArray();
        double totalRows = rowCounts.Sum();
        double gap = panels.Length > 1 ? 0.16 : 0;
        double usable = 1.0 - gap * (panels.Length - 1);
        double top = 1.0;
        double xMax = Math.Max(1e-3, panels.Max(p => p.Elapsed.TotalSeconds)) * 1.08;

        for (int i = 0; i < panels.Length; i++)
        {
            Panel panel = panels[i];
            string suffix = i == 0 ? string.Empty : (i + 1).ToString(CultureInfo.InvariantCulture);
            string xRef = "x" + suffix, yRef = "y" + suffix;
            double height = usable * rowCounts[i] / totalRows;
            double bottom = Math.Max(0, top - height);
            string[] rows = panel.Rows;

            // What every trace of this panel shares: its phase (name, legend entry shown once), its rows, its axes.
            Trace2D PhaseTrace(string type, string phase, TimelineSpan[] spans)
            {
                var trace = new Trace2D(type);
                trace.SetProperty("name", phase);
                trace.SetProperty("legendgroup", phase);
                trace.SetProperty("showlegend", legendShown.Add(phase));
                trace.SetProperty("y", spans.Select(panel.Row).ToArray());
                trace.SetProperty("xaxis", xRef);
                trace.SetProperty("yaxis", yRef);
                traces.Add(trace);
                return trace;
            }

            foreach (var group in panel.Spans.Where(s => s.Duration > TimeSpan.Zero).GroupBy(s => s.Phase))
            {
                var spans = group.ToArray();
                var bar = PhaseTrace("bar", group.Key, spans);
                bar.SetProperty("orientation", "h");
                bar.SetProperty("x", spans.Select(s => Seconds(s.Duration)).ToArray());
                bar.SetProperty("base", spans.Select(s => Seconds(s.Start)).ToArray());
                bar.SetProperty("customdata", spans.Select(s => new object[] { s.Name, Seconds(s.End), s.ThreadId }).ToArray());
                bar.SetProperty("hovertemplate",
                    "%{customdata[0]} " + group.Key + "<br>%{base:.3f} s → %{customdata[1]:.3f} s<br>thread %{customdata[2]}<extra></extra>");
                bar.SetProperty("marker", new Dictionary<string, object> { ["color"] = ColorOf(group.Key) });
                if (labelBars)
                {
                    bar.SetProperty("text", spans.Select(s => s.Name).ToArray());
                    bar.SetProperty("textposition", "inside");
                    bar.SetProperty("insidetextanchor", "middle");
                }
            }

            if (panel.IncludeInstants)
            {
                foreach (var group in panel.Spans.Where(s => s.Duration == TimeSpan.Zero).GroupBy(s => s.Phase))
                {
                    var spans = group.ToArray();
                    var marks = PhaseTrace("scatter", group.Key, spans);
                    marks.SetProperty("mode", "markers");
                    marks.SetProperty("x", spans.Select(s => Seconds(s.Start)).ToArray());
                    marks.SetProperty("customdata", spans.Select(s => s.Name).ToArray());
                    marks.SetProperty("hovertemplate", "%{customdata} " + group.Key + " at %{x:.3f} s<extra></extra>");
                    marks.SetProperty("marker", new Dictionary<string, object>
                    {
                        ["color"] = ColorOf(group.Key),
                        ["size"] = 11,
                        ["symbol"] = InstantSymbols.GetValueOrDefault(group.Key, "diamond"),
                        ["line"] = new Dictionary<string, object> { ["width"] = 1, ["color"] = "#333" },
                    });
                }
            }

            double elapsed = Seconds(panel.Elapsed);
            shapes.Add(new Dictionary<string, object>
            {
                ["type"] = "line", ["xref"] = xRef, ["yref"] = yRef + " domain",
                ["x0"] = elapsed, ["x1"] = elapsed, ["y0"] = 0, ["y1"] = 1,
                ["line"] = new Dictionary<string, object> { ["color"] = "#333", ["width"] = 2, ["dash"] = "dash" },
                ["name"] = "total elapsed",
            });
            annotations.Add(new Dictionary<string, object>
            {
                ["xref"] = xRef, ["yref"] = yRef + " domain", ["x"] = elapsed, ["y"] = 1,
                ["yanchor"] = "bottom", ["xanchor"] = "right", ["showarrow"] = false,
                ["text"] = $"total {elapsed.ToString("0.00", CultureInfo.InvariantCulture)} s",
                ["font"] = new Dictionary<string, object> { ["size"] = 12, ["color"] = "#333" },
            });
            annotations.Add(new Dictionary<string, object>
            {
                ["xref"] = "paper", ["yref"] = "paper", ["x"] = 0, ["y"] = top, ["xanchor"] = "left", ["yanchor"] = "bottom",
                ["showarrow"] = false, ["text"] = $"<b>{Escape(panel.Title)}</b>",
                ["font"] = new Dictionary<string, object> { ["size"] = 14 },
            });

            var xAxis = new Dictionary<string, object>
            {
                ["anchor"] = yRef,
                ["range"] = new[] { 0, xMax },
                ["zeroline"] = false,
            };
            if (i == panels.Length - 1)
            {
                xAxis["title"] = new Dictionary<string, object> { ["text"] = "seconds since start" }; // shared axis: titled once, at the bottom
            }

            layout.SetProperty("xaxis" + suffix, xAxis);
            layout.SetProperty("yaxis" + suffix, new Dictionary<string, object>
            {
                ["anchor"] = xRef,
                ["domain"] = new[] { bottom, top },
                ["type"] = "category",
                ["categoryorder"] = "array",
                ["categoryarray"] = rows.Reverse().ToArray(),
                ["title"] = new Dictionary<string, object> { ["text"] = rowAxisTitle },
            });
            top = bottom - gap;
        }

        layout.SetProperty("barmode", "overlay");
        layout.SetProperty("shapes", shapes);
        layout.SetProperty("annotations", annotations);
        layout.SetProperty("height", (int)(totalRows * RowHeight + panels.Length * PanelPadding + 90));
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 40, ["b"] = 90, ["l"] = 90, ["r"] = 20 });
        layout.SetProperty("legend", new Dictionary<string, object>
        {
            ["orientation"] = "h", ["yref"] = "container", ["y"] = 0, ["yanchor"] = "bottom", ["x"] = 0,
        });
        layout.SetProperty("hovermode", "closest");

        if (traces.Count == 0)
        {
            traces.Add(new Trace2D("scatter")); // an empty timeline still gets its axes and title
        }

        GenericChart chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(false, t)));
        return GenericChart.setLayout(layout, chart);
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 6);

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
