using System.Text.Json;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ScaleChartTests
{
    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    [Fact]
    public void LogLog_draws_one_line_per_series_on_log_axes()
    {
        var figure = Figure(ScaleChart.LogLog("overhead", "N", "seconds",
            new ScaleSeries("C#", [1_000, 1_000_000], [0.002, 0.9]),
            new ScaleSeries("Python", [1_000, 1_000_000], [0.02, 41])));

        var traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["C#", "Python"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal("lines+markers", t.GetProperty("mode").GetString()));
        Assert.Equal([0.02, 41.0], traces[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var layout = figure.GetProperty("layout");
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("seconds", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void LogLog_refuses_what_a_log_axis_cannot_show_naming_the_series()
    {
        var zero = Assert.Throws<ArgumentException>(() => ScaleChart.LogLog("t", "x", "y", new ScaleSeries("C#", [1_000], [0])));
        Assert.Equal("series", zero.ParamName);
        Assert.Contains("'C#'", zero.Message, StringComparison.Ordinal);
        Assert.Contains("pair up", Assert.Throws<ArgumentException>(() => ScaleChart.LogLog("t", "x", "y", new ScaleSeries("C#", [1, 2], [1]))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScaleChart.LogLog("t", "x", "y"));
    }

    [Fact]
    public void AtLeast_draws_values_below_the_floor_at_it_and_counts_them()
    {
        ScaleSeries series = ScaleSeries.AtLeast("C#", [1_000, 10_000, 100_000], [-0.0004, 0, 0.02], ScaleSeries.OverheadFloorSeconds);

        Assert.Equal([1e-4, 1e-4, 0.02], series.Y);
        Assert.Equal(2, series.Raised);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScaleSeries.AtLeast("C#", [1], [1], 0));
        Assert.Contains("pair up", Assert.Throws<ArgumentException>(() => ScaleSeries.AtLeast("C#", [1, 2], [1], 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bars_group_by_series_and_draw_the_reference_line()
    {
        var figure = Figure(ScaleChart.Bars("speedup", "×", [("C#", "sequential", 1), ("C#", "Parallel.For", 1.98), ("Python", "threads", 1.02)], referenceLine: 2));

        var traces = figure.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["C#", "Python"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["sequential", "Parallel.For"], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("1.98×", traces[0].GetProperty("text")[1].GetString());
        var line = Assert.Single(figure.GetProperty("layout").GetProperty("shapes").EnumerateArray());
        Assert.Equal(2, line.GetProperty("y0").GetDouble());
        Assert.Equal("group", figure.GetProperty("layout").GetProperty("barmode").GetString());
        Assert.Throws<ArgumentException>(() => ScaleChart.Bars("t", "y", []));
    }
}
