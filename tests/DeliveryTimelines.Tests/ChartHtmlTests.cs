using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ChartHtmlTests
{
    private static GenericChart Chart(string title = "lunch", string name = "A")
    {
        var timeline = new Timeline(title);
        timeline.Record(name, Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        return TimelineChart.Gantt(timeline);
    }

    [Fact]
    public void A_document_embeds_plotly_js_and_links_no_cdn()
    {
        string html = ChartHtml.Document(Chart());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("plotly.js v" + ChartHtml.PlotlyJsVersion, html, StringComparison.Ordinal);
        Assert.True(html.Length > 1_000_000, $"only {html.Length} characters: plotly.js is missing");
        // plotly.js itself mentions its CDN (a default for geo maps' topojson, unused here); nothing else may.
        string withoutPlotlyJs = html.Remove(html.IndexOf("/**\n* plotly.js", StringComparison.Ordinal), html.IndexOf("</script>", StringComparison.Ordinal) - html.IndexOf("/**\n* plotly.js", StringComparison.Ordinal));
        Assert.DoesNotContain("cdn.plot.ly", withoutPlotlyJs, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutPlotlyJs, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_creates_missing_folders_and_returns_the_full_path()
    {
        string dir = Path.Combine(Path.GetTempPath(), "chart-html-" + Guid.NewGuid().ToString("N"), "nested");
        try
        {
            string path = ChartHtml.Save(Chart(), Path.Combine(dir, "lunch.html"));

            Assert.True(Path.IsPathFullyQualified(path));
            Assert.Contains("<title>lunch</title>", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("</script><b>title</b>", "</script><script>alert(1)</script>")]
    [InlineData("<!--<script>", "</SCRIPT >")]
    [InlineData("lunch", "<!-- <script> -->")]
    public void No_name_or_title_can_close_hide_or_open_a_script_in_the_page(string title, string name)
    {
        string fragment = ChartHtml.Fragment(Chart(title, name));
        string script = fragment[fragment.IndexOf("<script", StringComparison.Ordinal)..];

        // The HTML parser only looks for these three inside a script; none may come from the figure's text.
        Assert.Equal(1, CountOf(script.ToLowerInvariant(), "</script"));
        Assert.Equal(1, CountOf(script.ToLowerInvariant(), "<script"));
        Assert.DoesNotContain("<!--", script, StringComparison.Ordinal);
        Assert.Contains("\\u003c", script, StringComparison.Ordinal); // written so in the JSON: the same characters to JavaScript
    }

    [Fact]
    public void Save_refuses_a_folder_for_the_file_saying_so()
    {
        string dir = Directory.CreateTempSubdirectory("chart-html-").FullName;
        try
        {
            var error = Assert.Throws<ArgumentException>(() => ChartHtml.Save(Chart(), dir));

            Assert.Equal("path", error.ParamName);
            Assert.StartsWith($"'{dir}' is a folder; give the path of the chart file to write", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_notebook_loader_carries_plotly_once_and_keeps_require_js_working()
    {
        string loader = ChartHtml.PlotlyLoader();

        Assert.Equal(1, CountOf(loader, "plotly.js v" + ChartHtml.PlotlyJsVersion));
        Assert.Contains("window.define = undefined", loader, StringComparison.Ordinal);
        Assert.Contains("window.define = window.__deliveryDefine", loader, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_setup_returns_the_loader_and_can_run_twice()
    {
        string first = Notebook.Setup();
        string second = Notebook.Setup();

        Assert.Contains(ChartHtml.PlotlyLoader(), first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
