using System.CommandLine;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The tools' shared command line: help exits 0, and every bad value (not a number, not finite, out of range, missing,
/// an unknown argument) is one line naming the option, the value and what is allowed, with exit code 2 and nothing run.
/// </summary>
public sealed class ToolCommandLineTests
{
    private static readonly Option<double?> Scale = ToolCommandLine.Number("--scale", "real seconds per story hour", 0.001, 3600, "The clock");
    private static readonly Option<double?> Timeout = ToolCommandLine.Number("--timeout", "minutes", 0.1, 1440, "The limit", 5);
    private static readonly Option<int> Repeats = ToolCommandLine.WholeNumber("--repeats", 1, 100, "Runs", 3);
    private static readonly Option<int> Max = ToolCommandLine.WholeNumber("--max", 1000, int.MaxValue, "Largest N", 1_000_000);
    private static readonly Option<string?> Out = ToolCommandLine.Folder("--out", "Where");
    private static readonly Option<string> Edition = ToolCommandLine.OneOf("--edition", ["en", "ko"], "Which edition", "en");

    [Theory]
    [InlineData("--scale", "NaN", "--scale must be real seconds per story hour, from 0.001 to 3600; got 'NaN'.")]
    [InlineData("--scale", "Infinity", "--scale must be real seconds per story hour, from 0.001 to 3600; got 'Infinity'.")]
    [InlineData("--scale", "-Infinity", "--scale must be real seconds per story hour, from 0.001 to 3600; got '-Infinity'.")]
    [InlineData("--scale", "1e400", "--scale must be real seconds per story hour, from 0.001 to 3600; got '1e400'.")]
    [InlineData("--scale", "0", "--scale must be real seconds per story hour, from 0.001 to 3600; got '0'.")]
    [InlineData("--scale", "3600.5", "--scale must be real seconds per story hour, from 0.001 to 3600; got '3600.5'.")]
    [InlineData("--scale", "0,5", "--scale must be real seconds per story hour, from 0.001 to 3600; got '0,5'.")]
    [InlineData("--timeout", "1e300", "--timeout must be minutes, from 0.1 to 1440; got '1e300'.")]
    [InlineData("--repeats", "0", "--repeats must be a whole number from 1 to 100; got '0'.")]
    [InlineData("--repeats", "2.5", "--repeats must be a whole number from 1 to 100; got '2.5'.")]
    [InlineData("--max", "99999999999", "--max must be a whole number from 1000 to 2147483647; got '99999999999'.")]
    [InlineData("--max", "-1000", "--max must be a whole number from 1000 to 2147483647; got '-1000'.")]
    [InlineData("--out", " ", "--out must be a folder; got ' '.")]
    [InlineData("--edition", "fr", "--edition must be one of en, ko; got 'fr'.")]
    [InlineData("--edition", "KO", "--edition must be one of en, ko; got 'KO'.")]
    [InlineData("--out", "/sys/kernel", "--out '/sys/kernel' is not a folder files can be written to (permission denied); give another folder.")]
    [InlineData("--out", "/proc/self/out", "--out '/proc/self/out' cannot be made: nothing can be written in '/proc/self' (it takes no new files); give another folder.")]
    public async Task A_bad_value_is_refused_in_one_line_naming_the_option_the_value_and_the_range(string option, string value, string expected)
    {
        var (exitCode, output, error, ran) = await RunAsync(option, value);

        Assert.Equal(ToolCommandLine.BadArguments, exitCode);
        Assert.Equal($"tool: {expected}", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(output);
        Assert.False(ran);
    }

    [Theory]
    [InlineData("--scale", "--scale needs a value: real seconds per story hour, from 0.001 to 3600.")]
    [InlineData("--max", "--max needs a value: a whole number from 1000 to 2147483647.")]
    [InlineData("--timeout", "--timeout needs a value: minutes, from 0.1 to 1440.")]
    [InlineData("--out", "--out needs a value: a folder.")]
    [InlineData("--edition", "--edition needs a value: one of en, ko.")]
    [InlineData("--speed", "Unrecognized command or argument '--speed'. See --help for the options.")]
    public async Task A_missing_value_or_an_unknown_argument_is_refused_the_same_way(string argument, string expected)
    {
        var (exitCode, _, error, ran) = await RunAsync(argument);

        Assert.Equal(ToolCommandLine.BadArguments, exitCode);
        Assert.Equal($"tool: {expected}", error.TrimEnd());
        Assert.False(ran);
    }

    [Fact]
    public async Task Good_values_reach_the_action_read_in_the_invariant_culture_with_grouped_digits_and_defaults()
    {
        double? scale = null, timeout = null;
        int repeats = 0, max = 0;
        RootCommand command = Command();
        command.SetAction(parsed =>
        {
            (scale, timeout, repeats, max) = (parsed.GetValue(Scale), parsed.GetValue(Timeout), parsed.GetValue(Repeats), parsed.GetValue(Max));
            return 7;
        });

        int exitCode = await ToolCommandLine.RunAsync("tool", command, ["--scale", "2.5e-1", "--max", "1_000,000"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(7, exitCode);
        Assert.Equal(0.25, scale);
        Assert.Equal(5.0, timeout);
        Assert.Equal(3, repeats);
        Assert.Equal(1_000_000, max);
    }

    [Theory]
    [InlineData(new string[0], "en")]
    [InlineData(new[] { "--edition", "ko" }, "ko")]
    public async Task A_word_option_takes_one_of_its_words_or_its_default(string[] args, string expected)
    {
        string? edition = null;
        RootCommand command = Command();
        command.SetAction(parsed => edition = parsed.GetValue(Edition));

        Assert.Equal(0, await ToolCommandLine.RunAsync("tool", command, args, TextWriter.Null, TextWriter.Null));
        Assert.Equal(expected, edition);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Help_lists_every_option_with_what_it_allows_and_exits_0(string help)
    {
        var (exitCode, output, error, ran) = await RunAsync(help);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.False(ran);
        Assert.Contains("--scale <number>", output, StringComparison.Ordinal);
        Assert.Contains("real seconds per story hour, from 0.001 to 3600", output, StringComparison.Ordinal);
        Assert.Contains("a whole number from 1 to 100", output, StringComparison.Ordinal);
        Assert.Contains("one of en, ko", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--version", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_that_cannot_hold_its_default_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => ToolCommandLine.WholeNumber("--repeats", 1, 100, "Runs", 0));
        Assert.Throws<ArgumentException>(() => ToolCommandLine.Number("--scale", "seconds", double.NaN, 1, "The clock"));
        Assert.Throws<ArgumentException>(() => ToolCommandLine.OneOf("--edition", ["en", "ko"], "Which edition", "fr"));
    }

    private static RootCommand Command() => ToolCommandLine.Create("A tool for the tests.", Scale, Timeout, Repeats, Max, Out, Edition);

    private static async Task<(int ExitCode, string Output, string Error, bool Ran)> RunAsync(params string[] args)
    {
        bool ran = false;
        RootCommand command = Command();
        command.SetAction(_ => ran = true);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await ToolCommandLine.RunAsync("tool", command, args, output, error);
        return (exitCode, output.ToString(), error.ToString(), ran);
    }
}
