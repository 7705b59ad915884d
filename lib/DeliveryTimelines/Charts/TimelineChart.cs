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
/// a dashed line marks each timeline's total elapsed time. A timeline too big to read bar by bar (more than
/// <see cref="MaxDetailedRows"/> rows or <see cref="MaxDetailedSpans"/> spans) is drawn aggregated instead: how many
/// spans of each phase are in progress over time, and how many instants happened so far, in
/// <see cref="AggregateBins"/> time bins, so a million deliveries make a small figure that a browser draws at once.
/// Each figure states what it drew in <c>layout.meta.timelines</c> (per panel: view, rows, bars, instants,
/// series, elapsed seconds), which the browser tests hold the drawn SVG to. Display a chart in a notebook by
/// making it a cell's result; save it with <see cref="ChartHtml.Save"/>.
/// </remarks>
public static class TimelineChart
{
    /// <summary>
    /// The most rows (deliveries, or threads) a panel draws one by one. Past about 200 rows a bar is a pixel high
    /// and the labels overlap, so a bigger timeline is drawn aggregated (see the remarks on <see cref="TimelineChart"/>).
    /// </summary>
    public const int MaxDetailedRows = 200;

    /// <summary>
    /// The most spans a panel draws as single bars and markers; above it the panel is aggregated, whatever its
    /// number of rows. Each bar is an SVG element, and tens of thousands of them make a browser tab crawl.
    /// </summary>
    public const int MaxDetailedSpans = 2_000;

    /// <summary>How many time bins an aggregated panel divides the shared time axis into: fine enough to see the shape of a run, small enough to stay a few kilobytes.</summary>
    public const int AggregateBins = 200;

    private const int RowHeight = 34;
    private const int AggregateRows = 8; // an aggregated panel is as tall as 8 rows
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

    /// <summary>
    /// A Gantt chart of one timeline: a row per delivery, a bar per span, x in seconds, total elapsed marked; past
    /// <see cref="MaxDetailedRows"/> deliveries, deliveries in progress and done so far over time instead.
    /// </summary>
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
            .Select(t => new Panel(t.Title, t.Spans, t.Elapsed, s => s.Name, s => s.Phase, IncludeInstants: true))
            .ToArray();
        return Build(panels, rowAxisTitle: "delivery", countAxisTitle: "deliveries");
    }

    /// <summary>
    /// Thread lanes: one row per managed thread, a bar for each span that thread began, labelled with the span's
    /// name. Shows who ran where: one busy lane for sequential work, a lane per core for parallel work. Aggregated
    /// (more than <see cref="MaxDetailedSpans"/> spans), it shows how many spans each thread was running over time.
    /// </summary>
    public static GenericChart ThreadLanes(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        Func<TimelineSpan, string> lane = s => $"thread {s.ThreadId.ToString(CultureInfo.InvariantCulture)}";
        var panel = new Panel(timeline.Title, timeline.Spans, timeline.Elapsed, lane, lane, IncludeInstants: false);
        return Build([panel], rowAxisTitle: "thread", countAxisTitle: "spans running", labelBars: true);
    }

    /// <summary>One timeline's part of a figure. <paramref name="Series"/> names the line a span adds to when aggregated.</summary>
    private sealed record Panel(
        string Title, IReadOnlyList<TimelineSpan> Spans, TimeSpan Elapsed, Func<TimelineSpan, string> Row,
        Func<TimelineSpan, string> Series, bool IncludeInstants)
    {
        /// <summary>Drawn aggregated: too many spans, or too many rows, to read one by one.</summary>
        public bool Aggregated { get; } = Spans.Count > MaxDetailedSpans || CountDistinct(Spans, Row, MaxDetailedRows + 1) > MaxDetailedRows;

        public string[] Rows => Aggregated ? [] : field ??= Spans.Select(Row).Distinct(StringComparer.Ordinal).ToArray();

        /// <summary>The spans drawn: instants only where the chart shows them.</summary>
        public IEnumerable<TimelineSpan> Drawn => IncludeInstants ? Spans : Spans.Where(s => s.Duration > TimeSpan.Zero);

        // Stops counting at limit: a million distinct names need not all be hashed to know there are too many.
        private static int CountDistinct(IReadOnlyList<TimelineSpan> spans, Func<TimelineSpan, string> row, int limit)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (TimelineSpan span in spans)
            {
                if (seen.Add(row(span)) && seen.Count >= limit)
                {
                    break;
                }
            }

            return seen.Count;
        }
    }

    private static GenericChart Build(Panel[] panels, string rowAxisTitle, string countAxisTitle, bool labelBars = false)
    {
        var traces = new List<Trace>();
        var layout = new Layout();
        var shapes = new List<Dictionary<string, object>>();
        var annotations = new List<Dictionary<string, object>>();
        var claims = new List<Dictionary<string, object>>();
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

        int[] rowCounts = panels.Select(p => p.Aggregated ? AggregateRows : Math.Max(1, p.Rows.Length)).ToArray();
        double totalRows = rowCounts.Sum();
        int figureHeight = (int)(totalRows * RowHeight + panels.Length * PanelPadding + 100);
        double gap = (double)PanelGap / (figureHeight - TopMargin - BottomMargin); // in pixels, whatever the panels' sizes
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

            // What every trace of this panel shares: its name (legend entry shown once, colour), its axes.
            Trace2D PanelTrace(string type, string name, string color)
            {
                var trace = new Trace2D(type);
                trace.SetProperty("name", name);
                trace.SetProperty("legendgroup", name);
                trace.SetProperty("showlegend", legendShown.Add(name));
                trace.SetProperty("xaxis", xRef);
                trace.SetProperty("yaxis", yRef);
                trace.SetProperty("marker", new Dictionary<string, object> { ["color"] = color });
                traces.Add(trace);
                return trace;
            }

            var claim = new Dictionary<string, object>
            {
                ["title"] = panel.Title,
                ["view"] = panel.Aggregated ? "aggregate" : "spans",
                ["spans"] = panel.Spans.Count,
                ["elapsed"] = Seconds(panel.Elapsed),
            };
            if (panel.Aggregated)
            {
                claim["series"] = AddAggregate(panel, xMax, PanelTrace, ColorOf);
            }
            else
            {
                claim["rows"] = panel.Rows.Length;
                (claim["bars"], claim["instants"]) = AddSpans(panel, PanelTrace, ColorOf, labelBars);
            }

            claims.Add(claim);

            double elapsed = Seconds(panel.Elapsed);
            shapes.Add(new Dictionary<string, object>
            {
                ["type"] = "line", ["xref"] = xRef, ["yref"] = yRef + " domain",
                ["x0"] = elapsed, ["x1"] = elapsed, ["y0"] = 0, ["y1"] = 1,
                ["line"] = new Dictionary<string, object> { ["color"] = "#333", ["width"] = 2, ["dash"] = "dash" },
                ["name"] = "total elapsed",
            });
            // The total sits right above its panel, the title a line higher, so a short run's total (near x = 0)
            // can never print over the title.
            annotations.Add(new Dictionary<string, object>
            {
                ["xref"] = xRef, ["yref"] = yRef + " domain", ["x"] = elapsed, ["y"] = 1,
                ["yanchor"] = "bottom", ["xanchor"] = elapsed < xMax / 2 ? "left" : "right", ["showarrow"] = false,
                ["text"] = $"total {elapsed.ToString("0.00", CultureInfo.InvariantCulture)} s",
                ["font"] = new Dictionary<string, object> { ["size"] = 12, ["color"] = "#333" },
            });
            annotations.Add(new Dictionary<string, object>
            {
                ["xref"] = "paper", ["yref"] = "paper", ["x"] = 0, ["y"] = top, ["xanchor"] = "left", ["yanchor"] = "bottom",
                ["yshift"] = TitleLift, ["showarrow"] = false, ["text"] = $"<b>{Escape(panel.Title)}</b>",
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
            layout.SetProperty("yaxis" + suffix, panel.Aggregated
                ? new Dictionary<string, object>
                {
                    ["anchor"] = xRef,
                    ["domain"] = new[] { bottom, top },
                    ["rangemode"] = "tozero",
                    ["title"] = new Dictionary<string, object> { ["text"] = countAxisTitle },
                }
                : new Dictionary<string, object>
                {
                    ["anchor"] = xRef,
                    ["domain"] = new[] { bottom, top },
                    ["type"] = "category",
                    ["categoryorder"] = "array",
                    ["categoryarray"] = panel.Rows.Reverse().ToArray(),
                    ["automargin"] = true, // long row names ("heartbeat", "thread 12") push the axis title aside, not under it
                    ["title"] = new Dictionary<string, object> { ["text"] = rowAxisTitle },
                });
            top = bottom - gap;
        }

        layout.SetProperty("barmode", "overlay");
        layout.SetProperty("shapes", shapes);
        layout.SetProperty("annotations", annotations);
        layout.SetProperty("meta", new Dictionary<string, object> { ["timelines"] = claims });
        layout.SetProperty("height", figureHeight);
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = TopMargin, ["b"] = BottomMargin, ["l"] = 90, ["r"] = 20 });
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

    private const int TitleLift = 18; // pixels between a panel's title and its "total" line
    private const int TopMargin = 30 + TitleLift;
    private const int BottomMargin = 90;
    private const int PanelGap = 80; // pixels between panels: the upper one's tick labels, then the lower one's title and total

    /// <summary>A bar per span with a length and (where the panel shows them) a marker per instant; returns how many of each.</summary>
    private static (int Bars, int Instants) AddSpans(
        Panel panel, Func<string, string, string, Trace2D> panelTrace, Func<string, string> colorOf, bool labelBars)
    {
        int bars = 0, instants = 0;
        foreach (var group in panel.Drawn.GroupBy(s => (s.Phase, Instant: s.Duration == TimeSpan.Zero)))
        {
            var spans = group.ToArray();
            string phase = group.Key.Phase;
            if (!group.Key.Instant)
            {
                bars += spans.Length;
                var bar = panelTrace("bar", phase, colorOf(phase));
                bar.SetProperty("y", spans.Select(panel.Row).ToArray());
                bar.SetProperty("orientation", "h");
                bar.SetProperty("x", spans.Select(s => Seconds(s.Duration)).ToArray());
                bar.SetProperty("base", spans.Select(s => Seconds(s.Start)).ToArray());
                bar.SetProperty("customdata", spans.Select(s => new object[] { s.Name, Seconds(s.End), s.ThreadId }).ToArray());
                bar.SetProperty("hovertemplate",
                    "%{customdata[0]} " + phase + "<br>%{base:.3f} s → %{customdata[1]:.3f} s<br>thread %{customdata[2]}<extra></extra>");
                if (labelBars)
                {
                    bar.SetProperty("text", spans.Select(s => s.Name).ToArray());
                    bar.SetProperty("textposition", "inside");
                    bar.SetProperty("insidetextanchor", "middle");
                }
            }
            else
            {
                instants += spans.Length;
                var marks = panelTrace("scatter", phase, colorOf(phase));
                marks.SetProperty("y", spans.Select(panel.Row).ToArray());
                marks.SetProperty("mode", "markers");
                marks.SetProperty("x", spans.Select(s => Seconds(s.Start)).ToArray());
                marks.SetProperty("customdata", spans.Select(s => s.Name).ToArray());
                marks.SetProperty("hovertemplate", "%{customdata} " + phase + " at %{x:.3f} s<extra></extra>");
                marks.SetProperty("marker", new Dictionary<string, object>
                {
                    ["color"] = colorOf(phase),
                    ["size"] = 11,
                    ["symbol"] = InstantSymbols.GetValueOrDefault(phase, "diamond"),
                    ["line"] = new Dictionary<string, object> { ["width"] = 1, ["color"] = "#333" },
                });
            }
        }

        return (bars, instants);
    }

    /// <summary>
    /// The aggregate view, in <see cref="AggregateBins"/> bins of the shared time axis: per series, how many of its
    /// spans were in progress on average during each bin (a filled line), and how many of its instants had
    /// happened by the end of each bin (a dotted line, rising to their total). One pass over the spans, no sorting.
    /// Returns how many lines it drew.
    /// </summary>
    private static int AddAggregate(Panel panel, double xMax, Func<string, string, string, Trace2D> panelTrace, Func<string, string> colorOf)
    {
        double width = xMax / AggregateBins;
        var inProgress = new Dictionary<string, (double[] Partial, double[] Full)>(StringComparer.Ordinal);
        var happened = new Dictionary<string, long[]>(StringComparer.Ordinal);
        int Bin(double seconds) => Math.Clamp((int)(seconds / width), 0, AggregateBins - 1);

        foreach (TimelineSpan span in panel.Drawn)
        {
            string series = panel.Series(span);
            double start = span.Start.TotalSeconds, end = span.End.TotalSeconds;
            if (span.Duration == TimeSpan.Zero)
            {
                happened.TryGetValue(series, out long[]? counts);
                happened[series] = counts ??= new long[AggregateBins];
                counts[Bin(start)]++;
                continue;
            }

            if (!inProgress.TryGetValue(series, out var sums))
            {
                sums = (new double[AggregateBins], new double[AggregateBins + 1]);
                inProgress[series] = sums;
            }

            // Time-weighted: the span adds the fraction of each bin it covers. The bins it covers whole are added
            // at once through a difference array (Full), so a long span costs as little as a short one.
            int first = Bin(start), last = Bin(end);
            if (first == last)
            {
                sums.Partial[first] += (end - start) / width;
            }
            else
            {
                sums.Partial[first] += ((first + 1) * width - start) / width;
                sums.Partial[last] += (end - last * width) / width;
                sums.Full[first + 1]++;
                sums.Full[last]--;
            }
        }

        double[] centers = Enumerable.Range(0, AggregateBins).Select(b => Math.Round((b + 0.5) * width, 6)).ToArray();
        double[] ends = Enumerable.Range(1, AggregateBins).Select(b => Math.Round(b * width, 6)).ToArray();
        foreach (var (series, (partial, full)) in inProgress) // in order of first appearance
        {
            double running = 0;
            double[] average = new double[AggregateBins];
            for (int b = 0; b < AggregateBins; b++)
            {
                running += full[b];
                average[b] = Math.Round(running + partial[b], 3);
            }

            var line = panelTrace("scatter", series + ", in progress", colorOf(series));
            line.SetProperty("mode", "lines");
            line.SetProperty("x", centers);
            line.SetProperty("y", average);
            line.SetProperty("fill", "tozeroy");
            line.SetProperty("line", new Dictionary<string, object> { ["color"] = colorOf(series), ["width"] = 2 });
            line.SetProperty("hovertemplate", "%{y:,.1f} " + series + " in progress around %{x:.3f} s<extra></extra>");
        }

        foreach (var (series, counts) in happened)
        {
            long total = 0;
            long[] soFar = counts.Select(c => total += c).ToArray();
            var line = panelTrace("scatter", series + ", so far", colorOf(series));
            line.SetProperty("mode", "lines");
            line.SetProperty("x", ends);
            line.SetProperty("y", soFar);
            line.SetProperty("line", new Dictionary<string, object> { ["color"] = colorOf(series), ["width"] = 2, ["dash"] = "dot" });
            line.SetProperty("hovertemplate", "%{y:,} " + series + " by %{x:.3f} s<extra></extra>");
        }

        return inProgress.Count + happened.Count;
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 6);

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
