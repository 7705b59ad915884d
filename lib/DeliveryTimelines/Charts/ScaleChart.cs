using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>One line of a <see cref="ScaleChart"/>: a name and its points.</summary>
/// <param name="Name">The legend entry, for example "C# Task.Delay".</param>
/// <param name="X">The x values (for example the number of deliveries), greater than 0 on a log axis.</param>
/// <param name="Y">The y values, one per x.</param>
/// <param name="Raised">How many of <paramref name="Y"/> were below a floor and are drawn at it (see <see cref="AtLeast"/>).</param>
public sealed record ScaleSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, int Raised = 0)
{
    /// <summary>
    /// The floor of an overhead on a log axis, in seconds (0.1 ms): a log axis has no 0, and an overhead can be 0 or a hair
    /// below it (a <c>Task.Delay</c> can end early on Linux), so such points are drawn at the floor and said to be.
    /// </summary>
    public const double OverheadFloorSeconds = 1e-4;

    /// <summary>A series whose y values below <paramref name="floor"/> are drawn at it; <see cref="Raised"/> says how many.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length, or <paramref name="floor"/> is not greater than 0.</exception>
    public static ScaleSeries AtLeast(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, double floor)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"Series '{name}' has {x.Count} x values and {y.Count} y values; they must pair up.", nameof(y));
        }

        if (!(floor > 0) || !double.IsFinite(floor))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "A floor on a log axis must be a finite number greater than 0.");
        }

        return new ScaleSeries(name, x, [.. y.Select(v => Math.Max(v, floor))], y.Count(v => !(v >= floor)));
    }
}

/// <summary>
/// Charts of how a cost grows with the number of deliveries: lines on log–log axes (1 k to 1 M deliveries, costs that
/// differ tenfold between runtimes), and grouped bars for speedups.
/// </summary>
/// <remarks>
/// Titles, axis titles, series names and categories are drawn exactly as given: markup in them shows as text.
/// Shared by the scale benchmark (which saves them with <see cref="ChartHtml.Save"/>) and lesson 08 (which shows them
/// in the notebook), so both draw the same figures the same way. Timelines have their own charts in
/// <see cref="TimelineChart"/>; these are about totals.
/// </remarks>
public static class ScaleChart
{
    /// <summary>Lines with markers on log–log axes.</summary>
    /// <exception cref="ArgumentException">No series, or a series whose X and Y differ in length, or a value that is not greater than 0.</exception>
    public static GenericChart LogLog(string title, string xTitle, string yTitle, params ScaleSeries[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0)
        {
            throw new ArgumentException("A chart needs at least one series; got none.", nameof(series));
        }

        foreach (var line in series)
        {
            if (line.X.Count != line.Y.Count)
            {
                throw new ArgumentException($"Series '{line.Name}' has {line.X.Count} x values and {line.Y.Count} y values; they must pair up.", nameof(series));
            }

            if (line.X.Concat(line.Y).Any(v => !(v > 0) || !double.IsFinite(v)))
            {
                throw new ArgumentException($"Series '{line.Name}' has a value that is not a finite number greater than 0, which a log axis cannot show.", nameof(series));
            }
        }

        var traces = series.Select(line =>
        {
            var trace = new Trace2D("scatter");
            trace.SetProperty("name", PlotlyText.Escape(line.Name));
            trace.SetProperty("mode", "lines+markers");
            trace.SetProperty("x", line.X.ToArray());
            trace.SetProperty("y", line.Y.ToArray());
            trace.SetProperty("hovertemplate", $"{PlotlyText.Escape(line.Name)}<br>%{{x:,}}: %{{y:.3~g}}<extra></extra>");
            return trace;
        });
        return Build(traces, title, Axis(xTitle, log: true), Axis(yTitle, log: true));
    }

    /// <summary>Grouped bars: one group per category, one bar per series (for example speedups per way of running).</summary>
    /// <param name="title">The chart title.</param>
    /// <param name="yTitle">The value axis title.</param>
    /// <param name="bars">(series, category, value) triples; the series becomes the legend entry.</param>
    /// <param name="referenceLine">A dashed horizontal line (for example the core count), or null for none.</param>
    /// <exception cref="ArgumentException">No bars.</exception>
    public static GenericChart Bars(string title, string yTitle, IEnumerable<(string Series, string Category, double Value)> bars, double? referenceLine = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var all = bars.ToArray();
        if (all.Length == 0)
        {
            throw new ArgumentException("A bar chart needs at least one bar; got none.", nameof(bars));
        }

        var traces = all.GroupBy(b => b.Series, StringComparer.Ordinal).Select(group =>
        {
            var trace = new Trace2D("bar");
            trace.SetProperty("name", PlotlyText.Escape(group.Key));
            trace.SetProperty("x", group.Select(b => PlotlyText.Escape(b.Category)).ToArray());
            trace.SetProperty("y", group.Select(b => b.Value).ToArray());
            trace.SetProperty("text", group.Select(b => b.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "×").ToArray());
            trace.SetProperty("textposition", "outside");
            return trace;
        });
        var layoutExtras = new Dictionary<string, object> { ["barmode"] = "group" };
        if (referenceLine is double y)
        {
            layoutExtras["shapes"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["type"] = "line", ["xref"] = "paper", ["x0"] = 0, ["x1"] = 1, ["y0"] = y, ["y1"] = y,
                    ["line"] = new Dictionary<string, object> { ["color"] = "#333", ["width"] = 2, ["dash"] = "dash" },
                },
            };
        }

        return Build(traces, title, Axis(null, log: false), Axis(yTitle, log: false), layoutExtras);
    }

    private static Dictionary<string, object> Axis(string? title, bool log)
    {
        var axis = new Dictionary<string, object> { ["type"] = log ? "log" : "-", ["automargin"] = true };
        if (title is not null)
        {
            axis["title"] = new Dictionary<string, object> { ["text"] = PlotlyText.Escape(title) };
        }

        return axis;
    }

    private static GenericChart Build(IEnumerable<Trace2D> traces, string title, Dictionary<string, object> xAxis,
        Dictionary<string, object> yAxis, Dictionary<string, object>? extras = null)
    {
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = PlotlyText.Escape(title) });
        layout.SetProperty("xaxis", xAxis);
        layout.SetProperty("yaxis", yAxis);
        layout.SetProperty("height", 420);
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 60, ["b"] = 60, ["l"] = 80, ["r"] = 20 });
        foreach (var (key, value) in extras ?? [])
        {
            layout.SetProperty(key, value);
        }

        GenericChart chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(false, t)));
        return GenericChart.setLayout(layout, chart);
    }
}
