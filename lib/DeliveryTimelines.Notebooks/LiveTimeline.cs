using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>
/// Shows a timeline's chart in the running notebook cell while the deliveries it records run, redrawing it in place a
/// few times a second, and leaves the finished chart when they are done.
/// </summary>
/// <example>
/// One timeline, in a cell:
/// <code>
/// double[] hours = await LiveTimeline.ShowWhileAsync(courier.Timeline, Task.WhenAll(courier.DeliverAsync("A", 1), courier.DeliverAsync("B", 2)));
/// </code>
/// Two runs compared as they happen, one above the other (<see cref="TimelineChart.Compare"/>):
/// <code>
/// await LiveTimeline.CompareWhileAsync([sequential.Timeline, gathered.Timeline], RunBothAsync());
/// </code>
/// </example>
/// <remarks>
/// <para>
/// The chart is one display that each redraw replaces: one DisplayedValueProduced event, then DisplayedValueUpdated
/// events with the same display id, published on the cell's own <see cref="KernelInvocationContext"/>. So VS Code
/// replaces the output in place and Jupyter applies each <c>update_display_data</c>: either way the cell ends with
/// exactly one chart, the final one, and so does a notebook they save. dotnet-repl writes every frame as an output of
/// its own; each frame is wrapped by <see cref="LiveDisplayFrame"/> so its reader keeps the last one (the course's
/// notebook runner does). Not <c>display(...)</c> and <c>DisplayedValue.Update</c>: in the frozen release
/// (1.0.0-beta.26120.1) <c>display</c> publishes one DisplayedValue and returns another with a different id, so its
/// updates replace nothing.
/// </para>
/// <para>
/// Meals in progress are drawn up to now: the timeline is read with <see cref="Timeline.Snapshot(bool)"/>, which
/// includes every span begun with <see cref="Timeline.Begin"/> and not ended yet (as <see cref="Courier"/> begins each
/// meal), so bars grow while customers eat.
/// </para>
/// <para>
/// The work must be awaited through this method, in the cell: the kernel drops whatever a cell publishes after it has
/// ended. When the work fails, the final chart (with the failure drawn) is still shown, then the work's exception is
/// thrown, as awaiting the work itself would.
/// </para>
/// <para>
/// What it costs the deliveries, measured on the course's 2-core machine in the kernel over stdio (the VS Code path),
/// with tests/Notebooks.Tests/TestNotebooks/live-cost.ipynb at 1 s per story hour: the same gathered deliveries (3, and
/// 1,000) run quiet and live at 4 redraws a second, alternately, 6 pairs after 2 warm-up runs, 3 runs. Median elapsed
/// time (the timeline's end, what the chart shows) live over quiet: 0.9996 to 1.0001 for 3 deliveries, 0.9997 to 1.0004
/// for 1,000, within the timers' own ~4 ms tick: nothing measurable. Median wall time of the whole await, the final
/// redraw included: 0.9998 to 1.0004 (3 deliveries) and 1.0002 to 1.0008 (1,000), at most 3 ms more. Each redraw reads
/// the timeline and builds the figure off the deliveries' path, on the redraw loop; a test holds the ratios near 1.
/// </para>
/// </remarks>
public static class LiveTimeline
{
    /// <summary>Redraws per second when none is given: smooth enough to watch a bar grow, cheap enough not to slow the deliveries.</summary>
    public const double DefaultUpdatesPerSecond = 4;

    /// <summary>The most redraws per second allowed: each one sends the whole figure to the front end.</summary>
    public const double MaxUpdatesPerSecond = 20;

    /// <summary>
    /// Shows <paramref name="timeline"/>'s chart now, redraws it <paramref name="updatesPerSecond"/> times a second
    /// until <paramref name="work"/> completes, draws the final chart, and then completes as <paramref name="work"/>
    /// did: with its exception, if it failed, after the final chart.
    /// </summary>
    /// <param name="timeline">The timeline the work records on (a <see cref="Courier"/>'s <see cref="Courier.Timeline"/>).</param>
    /// <param name="work">The running work, such as <c>Task.WhenAll(...)</c> of the deliveries.</param>
    /// <param name="updatesPerSecond">Redraws per second, more than 0 and at most <see cref="MaxUpdatesPerSecond"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeline"/> or <paramref name="work"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="updatesPerSecond"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException">Not called from a running notebook cell.</exception>
    public static Task ShowWhileAsync(Timeline timeline, Task work, double updatesPerSecond = DefaultUpdatesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return CompareWhileAsync([timeline], work, updatesPerSecond);
    }

    /// <inheritdoc cref="ShowWhileAsync(Timeline, Task, double)"/>
    /// <returns>The work's result, such as each delivery's hours.</returns>
    public static async Task<T> ShowWhileAsync<T>(Timeline timeline, Task<T> work, double updatesPerSecond = DefaultUpdatesPerSecond)
    {
        await ShowWhileAsync(timeline, (Task)work, updatesPerSecond).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    /// <summary>
    /// Like <see cref="ShowWhileAsync(Timeline, Task, double)"/>, for several timelines drawn one above the other on a
    /// shared time axis (<see cref="TimelineChart.Compare"/>): sequential above gathered, filling in as they run.
    /// </summary>
    /// <exception cref="ArgumentException">No timeline was given, or one of them is null.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="updatesPerSecond"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException">Not called from a running notebook cell.</exception>
    public static Task CompareWhileAsync(IReadOnlyList<Timeline> timelines, Task work, double updatesPerSecond = DefaultUpdatesPerSecond)
    {
        CheckArguments(timelines, work, updatesPerSecond);
        return RunAsync(timelines, work, KernelDisplay.ForCurrentCell(), updatesPerSecond, TimeProvider.System);
    }

    /// <inheritdoc cref="CompareWhileAsync(IReadOnlyList{Timeline}, Task, double)"/>
    /// <returns>The work's result.</returns>
    public static async Task<T> CompareWhileAsync<T>(IReadOnlyList<Timeline> timelines, Task<T> work, double updatesPerSecond = DefaultUpdatesPerSecond)
    {
        await CompareWhileAsync(timelines, (Task)work, updatesPerSecond).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    /// <summary>The redraw loop, with the display and the clock as parameters so tests run it on fake time.</summary>
    internal static async Task RunAsync(IReadOnlyList<Timeline> timelines, Task work, ILiveDisplay display, double updatesPerSecond, TimeProvider timeProvider)
    {
        CheckArguments(timelines, work, updatesPerSecond);
        ArgumentNullException.ThrowIfNull(display);
        Timeline[] shown = [.. timelines];
        display.Show(Render(shown));
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / updatesPerSecond), timeProvider);
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, timer.WaitForNextTickAsync().AsTask()).ConfigureAwait(false);
                if (!work.IsCompleted)
                {
                    display.Update(Render(shown));
                }
            }
        }
        finally
        {
            // The last frame is always the finished chart, whether the work succeeded or failed.
            display.Update(Render(shown));
        }

        await work.ConfigureAwait(false);
    }

    /// <summary>
    /// The timelines as a chart drawn now would show them: recorded spans, and spans in progress up to now, each on its
    /// timeline's clock (so the chart reads in story hours as the finished one does).
    /// </summary>
    internal static Timeline[] AsOfNow(IReadOnlyList<Timeline> timelines) =>
        [.. timelines.Select(timeline =>
        {
            var copy = timeline.Clock is { } clock ? new Timeline(timeline.Title, clock) : new Timeline(timeline.Title);
            foreach (TimelineSpan span in timeline.Snapshot(includeInProgress: true))
            {
                copy.Record(span.Name, span.Phase, span.Start, span.End, span.ThreadId);
            }

            return copy;
        })];

    private static GenericChart Render(Timeline[] timelines) => TimelineChart.Compare(AsOfNow(timelines));

    private static void CheckArguments(IReadOnlyList<Timeline> timelines, Task work, double updatesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        ArgumentNullException.ThrowIfNull(work);
        if (timelines.Count == 0 || timelines.Any(t => t is null))
        {
            throw new ArgumentException("Give one or more timelines, none of them null.", nameof(timelines));
        }

        if (!(updatesPerSecond > 0 && updatesPerSecond <= MaxUpdatesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(updatesPerSecond), updatesPerSecond,
                string.Create(CultureInfo.InvariantCulture, $"Redraws per second must be more than 0 and at most {MaxUpdatesPerSecond}; got {updatesPerSecond}."));
        }
    }
}

/// <summary>One display in a notebook cell that can be replaced in place.</summary>
internal interface ILiveDisplay
{
    /// <summary>Shows <paramref name="chart"/> for the first time.</summary>
    void Show(GenericChart chart);

    /// <summary>Replaces what is shown with <paramref name="chart"/>.</summary>
    void Update(GenericChart chart);
}

/// <summary>
/// A display in the running cell, published on its <see cref="KernelInvocationContext"/>: one DisplayedValueProduced,
/// then DisplayedValueUpdated events with the same display id. Each frame is the chart's <see cref="ChartHtml.Fragment"/>
/// wrapped by <see cref="LiveDisplayFrame"/>, published as text/html as it is (the formatters would escape a string).
/// </summary>
internal sealed class KernelDisplay : ILiveDisplay
{
    private readonly KernelInvocationContext _context;
    private readonly string _displayId = Guid.NewGuid().ToString("N");

    private KernelDisplay(KernelInvocationContext context) => _context = context;

    /// <exception cref="InvalidOperationException">No notebook cell is running on this async flow.</exception>
    public static KernelDisplay ForCurrentCell() =>
        new(KernelInvocationContext.Current
            ?? throw new InvalidOperationException("LiveTimeline draws into a running notebook cell: call it from a cell and await it there."));

    public void Show(GenericChart chart)
    {
        FormattedValue frame = Frame(chart);
        _context.Publish(new DisplayedValueProduced(frame.Value, _context.Command, [frame], _displayId));
    }

    public void Update(GenericChart chart)
    {
        FormattedValue frame = Frame(chart);
        _context.Publish(new DisplayedValueUpdated(frame.Value, _displayId, _context.Command, [frame]));
    }

    private FormattedValue Frame(GenericChart chart) => new(HtmlFormatter.MimeType, LiveDisplayFrame.Wrap(_displayId, ChartHtml.Fragment(chart)));
}
