using System.Text.Json;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>Names go into figures as text plotly.js draws literally (the browser test draws them: Notebooks.Tests' HostileNamesBrowserTests).</summary>
public sealed class PlotlyTextTests
{
    [Theory]
    [InlineData("A", "A")]
    [InlineData("<b>A</b>", "&lt;b&gt;A&lt;/b&gt;")]
    [InlineData("Tom & Jerry", "Tom &amp; Jerry")]
    [InlineData("&lt;", "&amp;lt;")]                   // an entity someone typed stays the text they typed
    [InlineData("100% %{x}", "100&#37; &#37;{x}")]     // no hover-template placeholder
    [InlineData("$x^2$", "&#36;x^2&#36;")]              // no LaTeX
    [InlineData("\"quoted\" 'A'", "\"quoted\" 'A'")]   // quotes are plain text to plotly.js (&quot; would show as typed)
    [InlineData("مطعم 🍜", "مطعم 🍜")]
    public void Escape_writes_only_what_plotly_would_read_as_markup_as_entities(string text, string expected) =>
        Assert.Equal(expected, PlotlyText.Escape(text));

    [Fact]
    public void Every_text_a_timeline_chart_draws_from_a_name_phase_or_title_is_escaped()
    {
        const string name = "<i>A</i>", phase = "<b>%{x}</b>", title = "<u>lunch</u> $1$";
        var timeline = new Timeline(title);
        timeline.Record(name, phase, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        timeline.Mark(name, phase + " done");

        foreach (GenericChart chart in new[] { TimelineChart.Compare(timeline), TimelineChart.ThreadLanes(timeline) })
        {
            string[] texts = DrawnTexts(GenericChart.toFigureJson(chart));

            foreach (string raw in new[] { name, phase, "<u>lunch</u>", "%{x}", "$1$" })
            {
                Assert.DoesNotContain(texts, t => t.Contains(raw, StringComparison.Ordinal));
            }

            Assert.Contains(texts, t => t.Contains(PlotlyText.Escape(name), StringComparison.Ordinal));
        }

        string[] gantt = DrawnTexts(GenericChart.toFigureJson(TimelineChart.Compare(timeline)));
        Assert.Contains("<b>" + PlotlyText.Escape(title) + "</b>", gantt);
        Assert.Contains(gantt, t => t.StartsWith("%{customdata[0]} " + PlotlyText.Escape(phase), StringComparison.Ordinal)); // the hover template
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(TimelineChart.Compare(timeline)));
        Assert.Equal(title, figure.RootElement.GetProperty("layout").GetProperty("meta").GetProperty("timelines")[0].GetProperty("title").GetString()); // the claim: the title as shown
    }

    [Fact]
    public void A_scale_chart_escapes_its_titles_series_and_categories()
    {
        string[] lines = DrawnTexts(GenericChart.toFigureJson(ScaleChart.LogLog("<b>t</b>", "<x>", "<y>", new ScaleSeries("<s>", [1.0], [2.0]))));
        string[] bars = DrawnTexts(GenericChart.toFigureJson(ScaleChart.Bars("<t>", "<y>", [("<s>", "<c>", 1.0)])));

        foreach (string raw in new[] { "<b>t</b>", "<x>", "<y>", "<s>", "<c>", "<t>" })
        {
            Assert.DoesNotContain(lines.Concat(bars), t => t.Contains(raw, StringComparison.Ordinal));
        }

        Assert.Contains("&lt;s&gt;", lines);
        Assert.Contains("&lt;c&gt;", bars);
    }

    // Every string in the figure but its claims (layout.meta), which plotly.js never draws and which keep the title as given.
    private static string[] DrawnTexts(string figureJson)
    {
        using var figure = JsonDocument.Parse(figureJson);
        var texts = new List<string>();
        Collect(figure.RootElement, texts);
        return [.. texts];

        static void Collect(JsonElement element, List<string> texts)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    texts.Add(element.GetString()!);
                    break;
                case JsonValueKind.Array:
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        Collect(item, texts);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (JsonProperty property in element.EnumerateObject().Where(p => p.Name != "meta"))
                    {
                        Collect(property.Value, texts);
                    }

                    break;
            }
        }
    }
}
