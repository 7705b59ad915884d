using Xunit;

namespace Samples.Tests;

/// <summary>Every C# sample runs, tells its story, saves charts that draw offline, and refuses bad arguments in one line.</summary>
public sealed class CSharpSampleTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("sample-charts-").FullName;

    public static IEnumerable<object[]> Samples => SampleProcess.CSharpSamples();

    [Fact]
    public void Every_lesson_notebook_has_a_sample_of_the_same_name()
    {
        var notebooks = Directory.GetFiles(Path.Combine(SampleProcess.Root, "notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension);
        var samples = SampleProcess.CSharpSamples().Select(s => (string)s[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(notebooks, n => Assert.True(samples.Contains(n!), $"notebooks/{n}.ipynb has no samples/{n}.cs"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Runs_and_saves_its_charts_as_offline_html(string sample)
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync(sample, "--scale", "0.05", "--out", _out);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        string[] charts = Directory.GetFiles(_out, "*.html");
        Assert.NotEmpty(charts);
        Assert.All(charts, c =>
        {
            string html = File.ReadAllText(c);
            Assert.Contains("plotly.js v", html, StringComparison.Ordinal);
            Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
            Assert.Contains(c, run.Stdout, StringComparison.Ordinal); // the sample says where it saved each chart
        });
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Help_explains_the_arguments(string sample)
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync(sample, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--mealtimes", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--scale", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--out", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_bad_argument_gets_one_line_naming_it_and_no_stack_trace(string sample)
    {
        foreach (var (args, named) in new[]
                 {
                     (new[] { "--mealtimes", "1,-2" }, "--mealtimes"),
                     (new[] { "--mealtimes", "1,x" }, "--mealtimes"),
                     (new[] { "--scale", "0" }, "--scale"),
                     (new[] { "--scale" }, "--scale"),
                     (new[] { "--speed", "2" }, "--speed"),
                 })
        {
            SampleOutput run = await SampleProcess.RunCSharpAsync(sample, args);

            Assert.True(run.ExitCode != 0, $"{string.Join(' ', args)} was accepted:\n{run}");
            string message = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(named, message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Gather_sample_returns_results_in_order_and_gathers_in_about_the_longest_meal()
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync("04-gather-as-whenall", "--scale", "0.1", "--out", _out);

        Assert.Equal(2, run.Stdout.Split('\n').Count(l => l.Trim() == "results: [1, 2, 3]"));
        double sequential = Hours(run.Stdout, "sequential"), gathered = Hours(run.Stdout, "gathered");
        Assert.True(gathered / sequential <= 0.6, $"gathered/sequential = {gathered / sequential:F2}\n{run}");
    }

    [Fact]
    public async Task The_mealtimes_argument_sets_the_customers()
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync("04-gather-as-whenall", "--mealtimes", "0.5,1.5", "--scale", "0.05", "--out", _out);

        Assert.Contains("results: [0.5, 1.5]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Delivered to B!", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Delivered to C!", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);

    /// <summary>The story hours in the summary table row that starts with <paramref name="row"/>.</summary>
    internal static double Hours(string stdout, string row)
    {
        string line = stdout.Split('\n').Single(l => l.StartsWith(row + " ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
