using System.Text.Json;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>The contract between a timeline chart and the browser check: what the figure writes is what the check reads.</summary>
public sealed class TimelinePanelClaimTests
{
    private static Timeline Three(string title)
    {
        var timeline = new Timeline(title);
        foreach (var (name, hours) in new[] { ("A", 1), ("B", 2), ("C", 3) })
        {
            timeline.Record(name, Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, threadId: 1);
            timeline.Record(name, Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(hours), threadId: 1);
            timeline.Record(name, Phase.Collecting, TimeSpan.FromSeconds(hours), TimeSpan.FromSeconds(hours), threadId: 1);
        }

        return timeline;
    }

    private static string MetaJson(GenericChart chart) =>
        JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement.GetProperty("layout").GetProperty("meta").GetProperty("timelines").GetRawText();

    [Fact]
    public void The_figure_carries_one_claim_per_panel_and_only_the_members_of_its_view()
    {
        var big = new Timeline("big");
        for (int i = 0; i <= TimelineChart.MaxDetailedRows; i++)
        {
            big.Record(Customers.Name(i), Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(1), threadId: 1);
        }

        string json = MetaJson(TimelineChart.Compare(Three("three"), big));

        Assert.Equal(
            """[{"title":"three","view":"spans","spans":9,"elapsed":3.0,"unit":"s","rows":3,"bars":3,"instants":6},""" +
            """{"title":"big","view":"aggregate","spans":201,"elapsed":1.0,"unit":"s","series":1}]""", json);
    }

    [Fact]
    public void What_the_chart_writes_reads_back_as_the_same_claims()
    {
        IReadOnlyList<TimelinePanelClaim>? claims = TimelinePanelClaim.Read(MetaJson(TimelineChart.Gantt(Three("three"))));

        Assert.Equal([TimelinePanelClaim.ForSpans("three", spans: 9, elapsed: 3.0, TimelinePanelClaim.SecondsUnit, secondsPerHour: null, rows: 3, bars: 3, instants: 6)], claims!);
        Assert.False(claims![0].Aggregated);
    }

    [Fact]
    public void A_chart_that_is_not_a_timeline_chart_claims_nothing() => Assert.Null(TimelinePanelClaim.Read("null"));

    [Fact]
    public void Thread_lanes_claim_bars_and_no_instants()
    {
        TimelinePanelClaim claim = Assert.Single(TimelinePanelClaim.Read(MetaJson(TimelineChart.ThreadLanes(Three("lanes"))))!);

        Assert.Equal((1, 3, 0), (claim.Rows, claim.Bars, claim.Instants)); // one thread, three meals; instants are not drawn
    }
}
