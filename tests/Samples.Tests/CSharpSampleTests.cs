using Xunit;

namespace Samples.Tests;

/// <summary>Every C# sample runs, saves charts that draw offline, explains its arguments and refuses bad ones in one line.</summary>
[Collection(SampleRunsGroup.Name)]
public sealed class CSharpSampleTests(SampleRuns runs)
{
    public static IEnumerable<object[]> Samples => SampleProcess.CSharpSamples();

    /// <summary>
    /// One bad command line per sample (the parser's every case is unit-tested in lib; here each sample proves it
    /// reports through the shared parser): the kinds rotate over the samples, so together they cover all of them.
    /// </summary>
    public static IEnumerable<object[]> BadArguments
    {
        get
        {
            (string[] Args, string Named)[] kinds =
            [
                (["--mealtimes", "1,-2"], "--mealtimes"),
                (["--scale", "0"], "--scale"),
                (["--speed", "2"], "--speed"),
                (["--mealtimes", "1,x"], "--mealtimes"),
                (["--scale"], "--scale"),
                (["--mealtimes", ""], "--mealtimes"),
                (["--scale", "NaN"], "--scale"),
            ];
            return Samples.Select((s, i) => new object[] { s[0], kinds[i % kinds.Length].Args, kinds[i % kinds.Length].Named });
        }
    }

    [Fact]
    public void Every_lesson_notebook_has_a_sample_of_the_same_name()
    {
        var notebooks = Directory.GetFiles(Path.Combine(SampleProcess.Root, "notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension);
        var samples = Samples.Select(s => (string)s[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(notebooks, n => Assert.True(samples.Contains(n!), $"notebooks/{n}.ipynb has no samples/{n}.cs"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_samples_README_shows_how_to_run_it(string sample)
    {
        string readme = File.ReadAllText(Path.Combine(SampleProcess.SamplesDirectory, "README.md"));

        Assert.Contains($"`dotnet run samples/{sample}.cs`", readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Runs_and_saves_its_charts_as_offline_html(string sample)
    {
        var (run, charts) = await runs.OfAsync(sample);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.True(Directory.Exists(charts), $"no chart folder\n{run}");
        string[] files = Directory.GetFiles(charts, "*.html");
        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            string html = File.ReadAllText(file);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("plotly.js v", html, StringComparison.Ordinal); // the library itself, inline: it draws offline
            Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script src=\"http", html, StringComparison.Ordinal);
            Assert.Contains(file, run.Stdout, StringComparison.Ordinal); // the sample says where it saved each chart
        });
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Help_explains_the_arguments(string sample)
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync(sample, ["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (string flag in (string[])["--mealtimes", "--scale", "--out", "--help"])
        {
            Assert.Contains(flag, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_gets_one_line_naming_it_and_no_stack_trace(string sample, string[] args, string named)
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync(sample, args);

        Assert.True(run.ExitCode != 0, $"{string.Join(' ', args)} was accepted:\n{run}");
        string message = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Without_out_the_charts_go_under_the_repository_whatever_the_working_directory()
    {
        string elsewhere = Directory.CreateTempSubdirectory("sample-cwd-").FullName;
        try
        {
            SampleOutput run = await SampleProcess.RunCSharpAsync("00-start-here", ["--scale", "0.02"], workingDirectory: elsewhere);

            Assert.True(run.ExitCode == 0, run.ToString());
            string expected = Path.Combine(SampleProcess.Root, "artifacts", "samples", "00-start-here", "taste.html");
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(expected));
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
