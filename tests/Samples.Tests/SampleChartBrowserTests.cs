using Tooling;
using Xunit;

namespace Samples.Tests;

/// <summary>The chart files every C# sample saves draw in Chromium with no network, bar for span, as the notebooks' do.</summary>
[Collection(SampleRunsGroup.Name)]
public sealed class SampleChartBrowserTests(SampleRuns runs, SharedChromium chromium) : IClassFixture<SharedChromium>
{
    public static IEnumerable<object[]> Samples => SampleProcess.CSharpSamples();

    [BrowserTheory]
    [MemberData(nameof(Samples))]
    public async Task Its_charts_draw_offline_what_they_claim(string sample)
    {
        var (run, charts) = await runs.OfAsync(sample);
        Assert.True(run.ExitCode == 0, run.ToString());
        var problems = new List<string>();

        foreach (string file in Directory.GetFiles(charts, "*.html").Order(StringComparer.Ordinal))
        {
            await using LockedPage opened = await chromium.OpenAsync(file);
            problems.AddRange((await opened.Page.CheckAsync()).Select(p => $"{Path.GetFileName(file)}: {p}"));
        }

        Assert.True(problems.Count == 0, $"{sample}'s charts, in Chromium with no network:\n" + string.Join('\n', problems));
    }
}
