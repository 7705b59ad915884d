using System.Globalization;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>
/// Plotly charts of <see cref="Timeline"/>s: who waited when (a Gantt chart), two runs of the same work compared,
/// and which thread ran what.
/// </summary>
/// <remarks>
/// Every chart has time on the x axis and one row per delivery (or per thread). The axis reads in story hours when
/// every timeline in the figure is on a story clock of one scale (<see cref="Timeline.Clock"/>), as the lessons speak
/// and print, with the real seconds in each hover text and the scale stated at the top right ("story clock: 1 h =
/// 0.25 s"); otherwise in real time, in milliseconds or seconds, as a kitchen's CPU work is measured (a figure whose
/// timelines' clocks differ, or where only some have one, says so in the same place). Spans with a length are drawn
/// as bars, one bar per span; instant events (delivered, dishes collected, cancelled) as markers on their row; and
/// a dashed line marks each timeline's total elapsed time. A timeline too big to read bar by bar (more than
/// <see cref="MaxDetailedRows"/> rows or <see cref="MaxDetailedSpans"/> spans) is drawn aggregated instead: how many
/// spans of each phase are in progress over time, and how many instants happened so far, in
/// <see cref="AggregateBins"/> time bins, so a million deliveries make a small figure that a browser draws at once.
/// Each figure states what it drew in <c>layout.meta.timelines</c>, a <see cref="TimelinePanelClaim"/> per panel,
/// which the browser tests hold the drawn SVG to. Names, phases and titles are drawn exactly as given, whatever they
/// contain (markup, <c>%{…}</c>, <c>$…$</c>: shown as text). Display a chart in a notebook by
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
    /// A Gantt chart of one timeline: a row per delivery, a bar per span, x in story hours (real time for a timeline
    /// without a clock), total elapsed marked; past
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
    /// <remarks>
    /// The axis is in story hours when all the timelines are on story clocks of one scale. Runs on clocks of
    /// different scales share no hour, so they are compared in real time, and the figure says so ("real time: the
    /// story clocks differ (1 h = 0.25 s, 1 h = 1 s)"), as it does when only some of the timelines have a clock.
    /// </remarks>
    /// <exception cref="ArgumentException">No timeline was given, or one of them is null.</exception>
    public static GenericChart Compare(params Timeline[] timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        if (timelines.Length == 0 || timelines.Any(t => t is null))
        {
            throw new ArgumentException("Give one or more timelines, none of them null.", nameof(timelines));
        }

        var panels = timelines
            .Select(t => new Panel(t.Title, t.Clock, t.Snapshot(), t.Elapsed, s => s.Name, s => s.Phase, IncludeInstants: true))
            .ToArray();
        return Build(panels, rowAxisTitle: "delivery", countAxisTitle: "deliveries");
    }

    /// <summary>
    /// Thread lanes: one row per managed thread, a bar for each span that thread began, labelled with the span's
    /// name. Shows who ran where: one busy lane for sequential work, lanes taking turns for parallel work. Aggregated
    /// (more than <see cref="MaxDetailedSpans"/> spans), it shows how many spans each thread was running over time.
    /// </summary>
    /// <remarks>
    /// A lane is a thread, not a core: the thread pool may hand work to more distinct threads over a run than ever
    /// run at once (<c>Parallel.For</c> limited to 2 workers can still use 3 threads, one after another). So the
    /// figure states both at the top right, "3 threads over the run, at most 2 running at once"
    /// (<see cref="Timeline.MostAtOnce(string)"/>, over every span with a length), and the lanes never read as more-way
    /// parallelism than there was. CPU work has no story clock, so the axis is usually in real time.
    /// </remarks>
    public static GenericChart ThreadLanes(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        Func<TimelineSpan, string> lane = s => $"thread {s.ThreadId.ToString(CultureInfo.InvariantCulture)}";
        var panel = new Panel(timeline.Title, timeline.Clock, timeline.Snapshot(), timeline.Elapsed, lane, lane, IncludeInstants: false);
        var working = panel.Drawn.ToArray();
        int threads = working.Select(s => s.ThreadId).Distinct().Count();
        string lanes = string.Create(CultureInfo.InvariantCulture,
            $"{threads} {(threads == 1 ? "thread" : "threads")} over the run, at most {Timeline.MostAtOnce(working)} running at once");
        return Build([panel], rowAxisTitle: "thread", countAxisTitle: "spans running", labelBars: true, note: lanes);
    }

    /// <summary>One timeline's part of a figure. <paramref name="Series"/> names the line a span adds to when aggregated.</summary>
    private sealed record Panel(
        string Title, StoryClock? Clock, IReadOnlyList<TimelineSpan> Spans, TimeSpan Elapsed, Func<TimelineSpan, string> Row,
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

    /// <summary>
    /// The figure: per panel its traces (<see cref="AddSpans"/> or <see cref="AddAggregate"/>), its dashed total line,
    /// its "total" label and title, and its axes; the figure's note on its time and any <paramref name="note"/> of its
    /// own; then the layout around them, with what each panel drew as <see cref="TimelinePanelClaim"/>s in
    /// <c>layout.meta.timelines</c>.
    /// </summary>
    private static GenericChart Build(Panel[] panels, string rowAxisTitle, string countAxisTitle, bool labelBars = false, string? note = null)
    {
        var time = ChartTime.For(panels.Select(p => p.Clock).ToArray(), panels.Max(p => p.Elapsed));
        var frame = new Frame(panels, time);
        var traces = new TraceSet();
        var layout = new Layout();
        var shapes = new List<Dictionary<string, object>>();
        var annotations = new List<Dictionary<string, object>>();
        var claims = new List<TimelinePanelClaim>();
        for (int i = 0; i < panels.Length; i++)
        {
            Panel panel = panels[i];
            Place place = frame.Place(i);
            double elapsed = ChartTime.Rounded(time.Of(panel.Elapsed));
            TimelinePanelClaim claim;
            if (panel.Aggregated)
            {
                int series = AddAggregate(panel, place, frame.XMax, time, traces);
                claim = TimelinePanelClaim.ForAggregate(panel.Title, panel.Spans.Count, elapsed, time.Unit, time.SecondsPerHour, series);
            }
            else
            {
                var (bars, instants) = AddSpans(panel, place, time, traces, labelBars);
                claim = TimelinePanelClaim.ForSpans(panel.Title, panel.Spans.Count, elapsed, time.Unit, time.SecondsPerHour, panel.Rows.Length, bars, instants);
            }

            claims.Add(claim);
            shapes.Add(TotalLine(place, elapsed));
            annotations.Add(TotalLabel(place, claim, frame.XMax));
            annotations.Add(PanelTitle(place, panel.Title));
            layout.SetProperty("xaxis" + place.Suffix, TimeAxis(place, frame.XMax, i == panels.Length - 1 ? claim.TimeAxisTitle : null));
            layout.SetProperty("yaxis" + place.Suffix, panel.Aggregated ? CountAxis(place, countAxisTitle) : RowAxis(place, panel.Rows, rowAxisTitle));
        }

        string[] notes = [.. new[] { claims[0].ClockNote ?? time.RealTimeReason, note }.OfType<string>()];
        if (notes.Length > 0)
        {
            annotations.Add(FigureNote(frame.Place(0), string.Join(" · ", notes)));
        }

        layout.SetProperty("barmode", "overlay");
        layout.SetProperty("shapes", shapes);
        layout.SetProperty("annotations", annotations);
        layout.SetProperty("meta", new Dictionary<string, object> { ["timelines"] = claims });
        layout.SetProperty("height", frame.Height);
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = TopMargin, ["b"] = BottomMargin, ["l"] = 90, ["r"] = 20 });
        layout.SetProperty("legend", new Dictionary<string, object>
        {
            ["orientation"] = "h", ["yref"] = "container", ["y"] = 0, ["yanchor"] = "bottom", ["x"] = 0,
        });
        layout.SetProperty("hovermode", "closest");
        return GenericChart.setLayout(layout, traces.Combine());
    }

    private const int TitleLift = 18; // pixels between a panel's title and its "total" line
    private const int TopMargin = 30 + TitleLift;
    private const int BottomMargin = 90;
    private const int PanelGap = 80; // pixels between panels: the upper one's tick labels, then the lower one's title and total

    /// <summary>
    /// Where the panels sit: each gets a band of the figure's height in proportion to its rows (an aggregated panel
    /// counts as <see cref="AggregateRows"/>), with <see cref="PanelGap"/> pixels between bands, and all share one
    /// time axis from 0 to <see cref="XMax"/>.
    /// </summary>
    private sealed class Frame
    {
        private readonly Place[] _places;

        public Frame(Panel[] panels, ChartTime time)
        {
            int[] rowCounts = panels.Select(p => p.Aggregated ? AggregateRows : Math.Max(1, p.Rows.Length)).ToArray();
            double totalRows = rowCounts.Sum();
            Height = (int)(totalRows * RowHeight + panels.Length * PanelPadding + 100);
            double gap = (double)PanelGap / (Height - TopMargin - BottomMargin); // in pixels, whatever the panels' sizes
            double usable = 1.0 - gap * (panels.Length - 1);
            XMax = Math.Max(1e-3, time.Of(panels.Max(p => p.Elapsed))) * 1.08;
            _places = new Place[panels.Length];
            double top = 1.0;
            for (int i = 0; i < panels.Length; i++)
            {
                double bottom = Math.Max(0, top - usable * rowCounts[i] / totalRows);
                _places[i] = new Place(i == 0 ? string.Empty : (i + 1).ToString(CultureInfo.InvariantCulture), bottom, top);
                top = bottom - gap;
            }
        }

        /// <summary>The figure's height in pixels.</summary>
        public int Height { get; }

        /// <summary>The end of the shared time axis, in the figure's unit: a little past the longest timeline.</summary>
        public double XMax { get; }

        /// <summary>Panel <paramref name="index"/>'s axes and band, counted from the top.</summary>
        public Place Place(int index) => _places[index];
    }

    /// <summary>A panel's axes ("x2", "y2" for the second) and its band of the figure's height, as fractions from the bottom.</summary>
    private sealed record Place(string Suffix, double Bottom, double Top)
    {
        public string XRef => "x" + Suffix;

        public string YRef => "y" + Suffix;
    }

    /// <summary>
    /// The figure's traces, in order, and what they share: a legend entry shown once per name, and a colour per phase
    /// (the course's own, then fallbacks in order of first appearance).
    /// </summary>
    private sealed class TraceSet
    {
        private readonly List<Trace> _traces = [];
        private readonly HashSet<string> _legendShown = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _colors = new(PhaseColors, StringComparer.Ordinal);

        public string ColorOf(string phase)
        {
            if (!_colors.TryGetValue(phase, out string? color))
            {
                color = FallbackColors[(_colors.Count - PhaseColors.Count) % FallbackColors.Length];
                _colors[phase] = color;
            }

            return color;
        }

        /// <summary>Adds a trace of <paramref name="type"/> on <paramref name="place"/>'s axes, named and coloured.</summary>
        public Trace2D Add(string type, Place place, string name, string color)
        {
            var trace = new Trace2D(type);
            trace.SetProperty("name", PlotlyText.Escape(name));
            trace.SetProperty("legendgroup", PlotlyText.Escape(name));
            trace.SetProperty("showlegend", _legendShown.Add(name));
            trace.SetProperty("xaxis", place.XRef);
            trace.SetProperty("yaxis", place.YRef);
            trace.SetProperty("marker", new Dictionary<string, object> { ["color"] = color });
            _traces.Add(trace);
            return trace;
        }

        public GenericChart Combine()
        {
            // An empty timeline still gets its axes and title.
            IEnumerable<Trace> traces = _traces.Count == 0 ? [new Trace2D("scatter")] : _traces;
            return GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(false, t)));
        }
    }

    /// <summary>The dashed line at a panel's total elapsed time.</summary>
    private static Dictionary<string, object> TotalLine(Place place, double elapsed) => new()
    {
        ["type"] = "line", ["xref"] = place.XRef, ["yref"] = place.YRef + " domain",
        ["x0"] = elapsed, ["x1"] = elapsed, ["y0"] = 0, ["y1"] = 1,
        ["line"] = new Dictionary<string, object> { ["color"] = "#333", ["width"] = 2, ["dash"] = "dash" },
        ["name"] = "total elapsed",
    };

    /// <summary>
    /// The claim's <see cref="TimelinePanelClaim.TotalLabel"/> ("total 3.01 h"), right above its panel at the total
    /// line, on the side with room. The title sits a line higher (<see cref="PanelTitle"/>), so a short run's total
    /// (near x = 0) never prints over it.
    /// </summary>
    private static Dictionary<string, object> TotalLabel(Place place, TimelinePanelClaim claim, double xMax) => new()
    {
        ["xref"] = place.XRef, ["yref"] = place.YRef + " domain", ["x"] = claim.Elapsed, ["y"] = 1,
        ["yanchor"] = "bottom", ["xanchor"] = claim.Elapsed < xMax / 2 ? "left" : "right", ["showarrow"] = false,
        ["text"] = claim.TotalLabel,
        ["font"] = new Dictionary<string, object> { ["size"] = 12, ["color"] = "#333" },
    };

    /// <summary>The panel's title, at its top left, <see cref="TitleLift"/> pixels above its total.</summary>
    private static Dictionary<string, object> PanelTitle(Place place, string title) => new()
    {
        ["xref"] = "paper", ["yref"] = "paper", ["x"] = 0, ["y"] = place.Top, ["xanchor"] = "left", ["yanchor"] = "bottom",
        ["yshift"] = TitleLift, ["showarrow"] = false, ["text"] = $"<b>{PlotlyText.Escape(title)}</b>",
        ["font"] = new Dictionary<string, object> { ["size"] = 14 },
    };

    /// <summary>
    /// What the figure says about itself, at the top right, in the top panel's title row: its clock's scale or why it
    /// is in real time, and what the chart adds (thread lanes: how many threads, how many at once).
    /// </summary>
    private static Dictionary<string, object> FigureNote(Place top, string text) => new()
    {
        ["xref"] = "paper", ["yref"] = "paper", ["x"] = 1, ["y"] = top.Top, ["xanchor"] = "right", ["yanchor"] = "bottom",
        ["yshift"] = TitleLift, ["showarrow"] = false, ["text"] = PlotlyText.Escape(text),
        ["font"] = new Dictionary<string, object> { ["size"] = 12, ["color"] = "#555" },
    };

    /// <summary>A panel's time axis: all panels share its range; only the bottom one is titled (<paramref name="title"/> not null).</summary>
    private static Dictionary<string, object> TimeAxis(Place place, double xMax, string? title)
    {
        var axis = new Dictionary<string, object>
        {
            ["anchor"] = place.YRef,
            ["range"] = new[] { 0, xMax },
            ["zeroline"] = false,
        };
        if (title is not null)
        {
            axis["title"] = new Dictionary<string, object> { ["text"] = title };
        }

        return axis;
    }

    /// <summary>The row axis of a panel drawn span by span: one category per row, the first at the top.</summary>
    private static Dictionary<string, object> RowAxis(Place place, string[] rows, string title) => new()
    {
        ["anchor"] = place.XRef,
        ["domain"] = new[] { place.Bottom, place.Top },
        ["type"] = "category",
        ["categoryorder"] = "array",
        ["categoryarray"] = rows.Reverse().Select(PlotlyText.Escape).ToArray(),
        ["automargin"] = true, // long row names ("heartbeat", "thread 12") push the axis title aside, not under it
        ["title"] = new Dictionary<string, object> { ["text"] = title },
    };

    /// <summary>The count axis of an aggregated panel, from zero.</summary>
    private static Dictionary<string, object> CountAxis(Place place, string title) => new()
    {
        ["anchor"] = place.XRef,
        ["domain"] = new[] { place.Bottom, place.Top },
        ["rangemode"] = "tozero",
        ["title"] = new Dictionary<string, object> { ["text"] = title },
    };

    /// <summary>A bar per span with a length and (where the panel shows them) a marker per instant; returns how many of each.</summary>
    private static (int Bars, int Instants) AddSpans(Panel panel, Place place, ChartTime time, TraceSet traces, bool labelBars)
    {
        int bars = 0, instants = 0;
        foreach (var group in panel.Drawn.GroupBy(s => (s.Phase, Instant: s.Duration == TimeSpan.Zero)))
        {
            var spans = group.ToArray();
            string phase = group.Key.Phase;
            if (!group.Key.Instant)
            {
                bars += spans.Length;
                var bar = traces.Add("bar", place, phase, traces.ColorOf(phase));
                bar.SetProperty("y", spans.Select(s => PlotlyText.Escape(panel.Row(s))).ToArray());
                bar.SetProperty("orientation", "h");
                bar.SetProperty("x", spans.Select(s => ChartTime.Rounded(time.Of(s.End) - time.Of(s.Start))).ToArray());
                bar.SetProperty("base", spans.Select(s => ChartTime.Rounded(time.Of(s.Start))).ToArray());
                bar.SetProperty("customdata", spans.Select(s => new object[]
                {
                    PlotlyText.Escape(s.Name), ChartTime.Rounded(time.Of(s.End)), s.ThreadId, ChartTime.Seconds(s.Start), ChartTime.Seconds(s.End),
                }).ToArray());
                bar.SetProperty("hovertemplate", "%{customdata[0]} " + PlotlyText.Escape(phase) + "<br>"
                    + time.Interval("base", "customdata[1]", "customdata[3]", "customdata[4]") + "<br>thread %{customdata[2]}<extra></extra>");
                if (labelBars)
                {
                    bar.SetProperty("text", spans.Select(s => PlotlyText.Escape(s.Name)).ToArray());
                    bar.SetProperty("textposition", "inside");
                    bar.SetProperty("insidetextanchor", "middle");
                }
            }
            else
            {
                instants += spans.Length;
                var marks = traces.Add("scatter", place, phase, traces.ColorOf(phase));
                marks.SetProperty("y", spans.Select(s => PlotlyText.Escape(panel.Row(s))).ToArray());
                marks.SetProperty("mode", "markers");
                marks.SetProperty("x", spans.Select(s => ChartTime.Rounded(time.Of(s.Start))).ToArray());
                marks.SetProperty("customdata", spans.Select(s => new object[] { PlotlyText.Escape(s.Name), ChartTime.Seconds(s.Start) }).ToArray());
                marks.SetProperty("hovertemplate", "%{customdata[0]} " + PlotlyText.Escape(phase) + " at " + time.Moment("x", "customdata[1]") + "<extra></extra>");
                marks.SetProperty("marker", new Dictionary<string, object>
                {
                    ["color"] = traces.ColorOf(phase),
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
    private static int AddAggregate(Panel panel, Place place, double xMax, ChartTime time, TraceSet traces)
    {
        double width = xMax / AggregateBins;
        var inProgress = new Dictionary<string, (double[] Partial, double[] Full)>(StringComparer.Ordinal);
        var happened = new Dictionary<string, long[]>(StringComparer.Ordinal);
        int Bin(double seconds) => Math.Clamp((int)(seconds / width), 0, AggregateBins - 1);

        foreach (TimelineSpan span in panel.Drawn)
        {
            string series = panel.Series(span);
            double start = time.Of(span.Start), end = time.Of(span.End);
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

        double[] centers = Enumerable.Range(0, AggregateBins).Select(b => ChartTime.Rounded((b + 0.5) * width)).ToArray();
        double[] ends = Enumerable.Range(1, AggregateBins).Select(b => ChartTime.Rounded(b * width)).ToArray();
        foreach (var (series, (partial, full)) in inProgress) // in order of first appearance
        {
            double running = 0;
            double[] average = new double[AggregateBins];
            for (int b = 0; b < AggregateBins; b++)
            {
                running += full[b];
                average[b] = Math.Round(running + partial[b], 3);
            }

            var line = traces.Add("scatter", place, series + ", in progress", traces.ColorOf(series));
            line.SetProperty("mode", "lines");
            line.SetProperty("x", centers);
            line.SetProperty("y", average);
            line.SetProperty("fill", "tozeroy");
            line.SetProperty("line", new Dictionary<string, object> { ["color"] = traces.ColorOf(series), ["width"] = 2 });
            if (time.InStoryHours)
            {
                line.SetProperty("customdata", centers.Select(time.SecondsOf).ToArray());
            }

            line.SetProperty("hovertemplate", "%{y:,.1f} " + PlotlyText.Escape(series) + " in progress around " + time.Moment("x", "customdata") + "<extra></extra>");
        }

        foreach (var (series, counts) in happened)
        {
            long total = 0;
            long[] soFar = counts.Select(c => total += c).ToArray();
            var line = traces.Add("scatter", place, series + ", so far", traces.ColorOf(series));
            line.SetProperty("mode", "lines");
            line.SetProperty("x", ends);
            line.SetProperty("y", soFar);
            line.SetProperty("line", new Dictionary<string, object> { ["color"] = traces.ColorOf(series), ["width"] = 2, ["dash"] = "dot" });
            if (time.InStoryHours)
            {
                line.SetProperty("customdata", ends.Select(time.SecondsOf).ToArray());
            }

            line.SetProperty("hovertemplate", "%{y:,} " + PlotlyText.Escape(series) + " by " + time.Moment("x", "customdata") + "<extra></extra>");
        }

        return inProgress.Count + happened.Count;
    }
}
