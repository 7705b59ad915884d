using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class LiveTimelineTests
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Shows_once_redraws_on_each_tick_with_meals_growing_and_ends_with_the_finished_chart()
    {
        var courier = new Courier(new StoryClock(1, _time), log: TextWriter.Null);
        var display = new RecordingDisplay();
        Task<double[]> work = Task.WhenAll(courier.DeliverAsync("A", 1), courier.DeliverAsync("B", 2));

        Task shown = LiveTimeline.RunAsync([courier.Timeline], work, display, 4, _time);
        Assert.Single(display.Shown);
        for (int tick = 1; tick <= 3; tick++)
        {
            _time.Advance(Quarter);
            await WaitUntil(() => display.Updates.Count == tick);
        }

        // At 0.75 s both meals are in progress: neither has ended, yet both are drawn up to now.
        TimelinePanelClaim midway = Assert.Single(Claims(display.Updates[^1]));
        Assert.Equal(TimelinePanelClaim.HoursUnit, midway.Unit); // drawn in story hours while it runs, as the finished chart is
        Assert.Equal(0.75, midway.Elapsed, 3);
        Assert.Equal(2, midway.Bars);
        Assert.Equal(2, midway.Instants); // the two deliveries

        _time.Advance(TimeSpan.FromSeconds(1.25));
        await shown;

        TimelinePanelClaim final = Assert.Single(Claims(display.Updates[^1]));
        Assert.Equal(2.0, final.Elapsed, 3);
        Assert.Equal(2, final.Bars);
        Assert.Equal(4, final.Instants); // delivered and collected, twice
        Assert.True(display.Updates.Count >= 4, $"{display.Updates.Count} frames: three ticks, then at least the final one");
    }

    [Fact]
    public async Task Compares_several_timelines_in_one_chart_each_drawn_as_of_now()
    {
        var sequential = new Courier(new StoryClock(1, _time), new Timeline("sequential", _time), TextWriter.Null);
        var gathered = new Courier(new StoryClock(1, _time), new Timeline("gathered", _time), TextWriter.Null);
        var display = new RecordingDisplay();
        Task work = Task.WhenAll(sequential.DeliverAsync("A", 1), gathered.DeliverAsync("A", 1), gathered.DeliverAsync("B", 1));

        Task shown = LiveTimeline.RunAsync([sequential.Timeline, gathered.Timeline], work, display, 4, _time);
        _time.Advance(TimeSpan.FromSeconds(1));
        await shown;

        Assert.Equal(["sequential", "gathered"], Claims(display.Shown[0]).Select(c => c.Title));
        Assert.Equal([1, 2], Claims(display.Updates[^1]).Select(c => c.Bars ?? 0));
    }

    [Fact]
    public async Task Failed_work_still_gets_its_final_chart_with_the_failure_then_its_exception()
    {
        var courier = new Courier(new StoryClock(1, _time), log: TextWriter.Null);
        var display = new RecordingDisplay();
        Task<double[]> work = Task.WhenAll(courier.DeliverAsync("A", 1), courier.DeliverAndDropAsync("B", 0.5));

        Task shown = LiveTimeline.RunAsync([courier.Timeline], work, display, 4, _time);
        _time.Advance(TimeSpan.FromSeconds(1));
        var thrown = await Assert.ThrowsAsync<DeliveryFailedException>(() => shown);

        Assert.Contains("B", thrown.Message, StringComparison.Ordinal);
        Assert.Single(display.Shown);
        TimelinePanelClaim final = Assert.Single(Claims(display.Updates[^1]));
        Assert.Equal(1.0, final.Elapsed, 3); // A finished after B failed: both on the final chart
        Assert.Equal(0, courier.Timeline.InProgressCount);
    }

    [Fact]
    public async Task Work_already_done_is_shown_once_and_drawn_once_more_as_final()
    {
        var display = new RecordingDisplay();

        await LiveTimeline.RunAsync([new Timeline("done", _time)], Task.CompletedTask, display, 4, _time);

        Assert.Single(display.Shown);
        Assert.Single(display.Updates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(20.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task A_redraw_rate_out_of_range_is_refused_naming_it(double perSecond)
    {
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            LiveTimeline.ShowWhileAsync(new Timeline(), Task.CompletedTask, perSecond));

        Assert.Equal("updatesPerSecond", e.ParamName);
        Assert.Contains(perSecond.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_timelines_or_a_null_one_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => LiveTimeline.CompareWhileAsync([], Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentException>(() => LiveTimeline.CompareWhileAsync([new Timeline(), null!], Task.CompletedTask));
        await Assert.ThrowsAsync<ArgumentNullException>(() => LiveTimeline.ShowWhileAsync(null!, Task.CompletedTask));
    }

    [Fact]
    public async Task Outside_a_notebook_cell_it_says_where_to_call_it()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LiveTimeline.ShowWhileAsync(new Timeline(), Task.CompletedTask));

        Assert.Contains("notebook cell", e.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<TimelinePanelClaim> Claims(GenericChart chart)
    {
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        return TimelinePanelClaim.Read(figure.RootElement.GetProperty("layout").GetProperty("meta").GetProperty("timelines").GetRawText())!;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, limit.Token);
        }
    }

    private sealed class RecordingDisplay : ILiveDisplay
    {
        private readonly Lock _lock = new();
        private readonly List<GenericChart> _shown = [];
        private readonly List<GenericChart> _updates = [];

        public IReadOnlyList<GenericChart> Shown
        {
            get
            {
                lock (_lock)
                {
                    return [.. _shown];
                }
            }
        }

        public IReadOnlyList<GenericChart> Updates
        {
            get
            {
                lock (_lock)
                {
                    return [.. _updates];
                }
            }
        }

        public void Show(GenericChart chart)
        {
            lock (_lock)
            {
                _shown.Add(chart);
            }
        }

        public void Update(GenericChart chart)
        {
            lock (_lock)
            {
                _updates.Add(chart);
            }
        }
    }
}
