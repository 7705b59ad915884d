using System.CommandLine;
using DeliveryTimelines;
using SampleSupport;
using Tooling;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// The samples' <c>--scale</c> (their own small parser) and the tools' (System.CommandLine, through Tooling) take the
/// same values and refuse the others with the same sentence; and the samples' README says what the code does.
/// </summary>
public sealed class CommandLineAgreementTests
{
    public static TheoryData<string> Values =>
    [
        "fast", "NaN", "Infinity", "-Infinity", "1e400", "1e-300", "0", "-1", "0,5", "0.001", "0.0199", "0.02", "0.1", "1", "3600", "3600.5", "5000",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void The_samples_and_the_runner_take_and_refuse_the_same_scales_in_the_same_words(string value)
    {
        string? sample = Refusal(() => SampleArguments.Parse(["--scale", value], Path.GetTempPath()));
        string? tool = ToolRefusal(["--scale", value]);

        Assert.Equal(tool, sample);
    }

    [Fact]
    public void A_missing_scale_is_refused_in_the_same_words()
    {
        Assert.Equal("--scale needs a value: real seconds per story hour, from 0.02 to 3600.", ToolRefusal(["--scale"]));
        Assert.Equal(ToolRefusal(["--scale"]), Refusal(() => SampleArguments.Parse(["--scale"], Path.GetTempPath())));
    }

    [Fact]
    public void The_range_is_the_story_clocks()
    {
        Assert.Equal($"real seconds per story hour, from {StoryHours.Format(StoryClock.MinSecondsPerHour)} to {StoryHours.Format(StoryClock.MaxSecondsPerHour)}",
            SampleArguments.ScaleAllowed);
    }

    [Fact]
    public void The_samples_README_states_the_range_and_the_error_the_code_gives()
    {
        string readme = File.ReadAllText(Path.Combine(SampleProcess.SamplesDirectory, "README.md"));
        string error = "04-gather-as-whenall: " + Refusal(() => SampleArguments.Parse(["--scale", "fast"], Path.GetTempPath()));

        Assert.Contains($"| `--scale S` | {SampleArguments.ScaleAllowed} (", readme, StringComparison.Ordinal);
        Assert.Contains("$ dotnet run samples/04-gather-as-whenall.cs -- --scale fast\n" + error + "\n", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"at least {StoryHours.Format(StoryClock.MinRealDelay.TotalMilliseconds)} ms", readme, StringComparison.Ordinal);
    }

    private static string? Refusal(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    // What the runner says (without its "NotebookRunner: " prefix), with the very --scale option it uses.
    private static string? ToolRefusal(string[] args)
    {
        RootCommand command = ToolCommandLine.Create("test", ToolCommandLine.Scale("The story clock"));
        return ToolCommandLine.Refusal("tool", command.Parse(args))?["tool: ".Length..];
    }
}
