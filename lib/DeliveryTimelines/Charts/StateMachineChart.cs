using System.Globalization;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>
/// Pictures of one async method's run from a <see cref="StateMachineProbe"/>'s readings: its state machine's states
/// over time with each <c>MoveNext</c> call, and the threads its steps ran on.
/// </summary>
/// <remarks>
/// Both charts draw only what was read in the run: a state that could not be read (null) is left out, never assumed.
/// The x axis is in story hours on the probe's clock, so the long flat stretches (parked at an await, on no thread)
/// and the instant spikes (a <c>MoveNext</c> running the method's code) keep their true proportions. Each figure has a
/// title that says what it shows in words, and the readings it draws are the ones the lesson prints as text beside
/// it, for a reader who cannot see the chart.
/// </remarks>
public static class StateMachineChart
{
    /// <summary>
    /// The state field over time as a step line: -2 done, -1 running, <c>n</c> parked at await <c>n + 1</c>; a marker
    /// at each reading, labelled with its <c>MoveNext</c> call and thread.
    /// </summary>
    /// <exception cref="ArgumentException">No reading has a state.</exception>
    public static GenericChart States(IReadOnlyList<StateMachineReading> readings, StoryClock clock, string title)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(title);
        var known = readings.Where(r => r.State is not null).ToArray();
        if (known.Length == 0)
        {
            throw new ArgumentException($"None of the {readings.Count} readings has a state to draw; was the method run through StateMachineProbe.RunAsync, awaiting the probe's waits?", nameof(readings));
        }

        int highest = known.Max(r => r.State!.Value);
        int[] states = [.. Enumerable.Range(-2, highest + 3)];
        var trace = new Trace2D("scatter");
        trace.SetProperty("name", PlotlyText.Escape("<>1__state"));
        trace.SetProperty("mode", "lines+markers+text");
        trace.SetProperty("line", new Dictionary<string, object> { ["shape"] = "hv", ["color"] = "#4E79A7" });
        trace.SetProperty("textposition", known.Select(r => r.State < 0 ? "middle right" : "top right").ToArray()); // off the line it labels
        trace.SetProperty("cliponaxis", false);
        trace.SetProperty("x", known.Select(r => Hours(clock, r.At)).ToArray());
        trace.SetProperty("y", known.Select(r => r.State!.Value).ToArray());
        // Each MoveNext is labelled once: where its step ran, or (a step whose state was not readable) where it parked.
        var labelled = known.GroupBy(r => r.MoveNext)
            .Select(g => g.FirstOrDefault(r => r.Moment == StateMachineMoment.Running, g.First()))
            .ToHashSet();
        trace.SetProperty("text", known.Select(r => labelled.Contains(r)
            ? string.Create(CultureInfo.InvariantCulture, $" MoveNext #{r.MoveNext}, thread {r.ThreadId}")
            : string.Empty).ToArray());
        trace.SetProperty("hovertext", known.Select(r => PlotlyText.Escape(Describe(r))).ToArray());
        trace.SetProperty("hovertemplate", "%{hovertext}<br>%{x:.3f} h<extra></extra>");
        var yAxis = new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object> { ["text"] = PlotlyText.Escape("state (<>1__state)") },
            ["tickvals"] = states,
            ["ticktext"] = states.Select(s => PlotlyText.Escape(StateName(s))).ToArray(),
            ["range"] = new[] { -2.5, highest + 0.5 },
            ["zeroline"] = false,
            ["automargin"] = true,
        };
        return Build(trace, title, clock, yAxis, height: 300, roomForLabels: known.Max(r => Hours(clock, r.At)));
    }

    /// <summary>
    /// The method's steps on thread lanes: one row per thread, a marker labelled "step n" where the <c>n</c>th
    /// <c>MoveNext</c> ran the method's code. Nothing joins the markers: between two steps the method runs on no thread.
    /// </summary>
    /// <exception cref="ArgumentException">No reading is of the method's code running.</exception>
    public static GenericChart ThreadHops(IReadOnlyList<StateMachineReading> readings, StoryClock clock, string title)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(title);
        var steps = readings.Where(r => r.Moment == StateMachineMoment.Running).ToArray();
        if (steps.Length == 0)
        {
            throw new ArgumentException($"None of the {readings.Count} readings is of the method's code running; call StateMachineProbe.Running() in its body.", nameof(readings));
        }

        string[] lanes = [.. steps.Select(Lane).Distinct(StringComparer.Ordinal)];
        var trace = new Trace2D("scatter");
        trace.SetProperty("name", "steps");
        trace.SetProperty("mode", "markers+text");
        trace.SetProperty("cliponaxis", false);
        trace.SetProperty("marker", new Dictionary<string, object> { ["size"] = 12, ["color"] = "#F28E2B" });
        trace.SetProperty("x", steps.Select(r => Hours(clock, r.At)).ToArray());
        trace.SetProperty("y", steps.Select(Lane).ToArray());
        trace.SetProperty("text", steps.Select(r => string.Create(CultureInfo.InvariantCulture, $"step {r.MoveNext}")).ToArray());
        trace.SetProperty("textposition", "top right");
        trace.SetProperty("hovertext", steps.Select(r => PlotlyText.Escape(Describe(r))).ToArray());
        trace.SetProperty("hovertemplate", "%{hovertext}<br>%{x:.3f} h<extra></extra>");
        var yAxis = new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object> { ["text"] = "thread" },
            ["type"] = "category",
            ["categoryorder"] = "array",
            ["categoryarray"] = lanes,
            ["automargin"] = true,
        };
        return Build(trace, title, clock, yAxis, height: 160 + (60 * lanes.Length), roomForLabels: steps.Max(r => Hours(clock, r.At)));
    }

    /// <summary>What a state number means: -2 done, -1 running, <c>n</c> parked at await <c>n + 1</c>.</summary>
    public static string StateName(int state) => state switch
    {
        -2 => "-2 done",
        -1 => "-1 running",
        >= 0 => string.Create(CultureInfo.InvariantCulture, $"{state} parked at await #{state + 1}"),
        _ => state.ToString(CultureInfo.InvariantCulture),
    };

    private static string Lane(StateMachineReading r) =>
        string.Create(CultureInfo.InvariantCulture, $"thread {r.ThreadId}{(r.OnThreadPool ? " (pool)" : string.Empty)}");

    private static string Describe(StateMachineReading r)
    {
        string state = r.State is int s ? StateName(s) : "state not readable yet";
        string what = r.Moment switch
        {
            StateMachineMoment.Running => "the method's code runs",
            StateMachineMoment.Parked => "parks at an await",
            StateMachineMoment.Resumed => "MoveNext called",
            _ => "MoveNext returned",
        };
        return string.Create(CultureInfo.InvariantCulture, $"MoveNext #{r.MoveNext}: {what} ({state}), thread {r.ThreadId}");
    }

    private static double Hours(StoryClock clock, TimeSpan at) => Math.Round(clock.ToHours(at), 6);

    // The x axis runs a quarter past the last point, so that the label beside it fits.
    private static GenericChart Build(Trace2D trace, string title, StoryClock clock, Dictionary<string, object> yAxis, int height, double roomForLabels)
    {
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = PlotlyText.Escape(title) });
        layout.SetProperty("xaxis", new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object>
            {
                ["text"] = string.Create(CultureInfo.InvariantCulture, $"story hours (1 h = {StoryHours.Format(clock.SecondsPerHour)} s)"),
            },
            ["range"] = new[] { 0, roomForLabels > 0 ? roomForLabels * 1.25 : 1 },
            ["automargin"] = true,
        });
        layout.SetProperty("yaxis", yAxis);
        layout.SetProperty("showlegend", false);
        layout.SetProperty("height", height);
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 50, ["b"] = 50, ["l"] = 80, ["r"] = 20 });
        return GenericChart.setLayout(layout, GenericChart.ofTraceObject(false, trace));
    }
}
