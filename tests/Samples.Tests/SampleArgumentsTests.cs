using SampleSupport;
using Xunit;

namespace Samples.Tests;

/// <summary>The samples' shared command line: every case, without starting a sample (the sample tests show each sample uses it).</summary>
public sealed class SampleArgumentsTests
{
    private static readonly string DefaultOut = Path.Combine(Path.GetTempPath(), "charts");

    [Fact]
    public void Without_arguments_the_story_is_the_seeds()
    {
        SampleOptions options = SampleArguments.Parse([], DefaultOut)!;

        Assert.Equal([("A", 1.0), ("B", 2.0), ("C", 3.0)], options.Deliveries);
        Assert.Equal(1.0, options.SecondsPerHour);
        Assert.Equal(DefaultOut, options.OutputDirectory);
    }

    [Fact]
    public void Mealtimes_scale_and_out_are_read()
    {
        SampleOptions options = SampleArguments.Parse(["--mealtimes", "0.5, 2", "--scale", "0.1", "--out", "x"], DefaultOut)!;

        Assert.Equal([("A", 0.5), ("B", 2.0)], options.Deliveries);
        Assert.Equal(0.1, options.SecondsPerHour);
        Assert.Equal(Path.GetFullPath("x"), options.OutputDirectory);
        Assert.Equal(0.1, options.Clock.SecondsPerHour);
    }

    [Fact]
    public void Help_returns_null() => Assert.Null(SampleArguments.Parse(["--help"], DefaultOut));

    [Theory]
    [InlineData("--mealtimes", "1,-2", "--mealtimes must be comma-separated story hours, 0 or more, such as 1,2,3; got '1,-2'.")]
    [InlineData("--mealtimes", "1,x", "--mealtimes must be comma-separated story hours, 0 or more, such as 1,2,3; got 'x'.")]
    [InlineData("--mealtimes", "1,,2", "--mealtimes must be comma-separated story hours, 0 or more, such as 1,2,3; got '1,,2'.")]
    [InlineData("--mealtimes", "", "--mealtimes must be comma-separated story hours, 0 or more, such as 1,2,3; got ''.")]
    [InlineData("--mealtimes", "NaN", "--mealtimes must be comma-separated story hours, 0 or more, such as 1,2,3; got 'NaN'.")]
    [InlineData("--mealtimes", "1e400", "--mealtimes must be comma-separated story hours, 0 or more, such as 1,2,3; got '1e400'.")]
    [InlineData("--mealtimes", "1e9", "--mealtimes: a meal of 1000000000 story hours at --scale 1 lasts longer than a .NET timer can wait (49.7 days); use shorter meals or a smaller --scale.")]
    [InlineData("--mealtimes", "1,0.0005", "--mealtimes: a meal of 0.0005 story hours at --scale 1 lasts 0.5 ms, shorter than the shortest wait a timer can make (1 ms); use 0, at least 0.001 story hours, or a larger --scale.")]
    [InlineData("--mealtimes", "1e-300", "--mealtimes: a meal of 1E-300 story hours at --scale 1 lasts 1E-297 ms, shorter than the shortest wait a timer can make (1 ms); use 0, at least 0.001 story hours, or a larger --scale.")]
    [InlineData("--scale", "0.001", "--scale must be real seconds per story hour, from 0.02 to 3600; got '0.001'.")]
    [InlineData("--scale", "1e400", "--scale must be real seconds per story hour, from 0.02 to 3600; got '1e400'.")]
    [InlineData("--scale", "NaN", "--scale must be real seconds per story hour, from 0.02 to 3600; got 'NaN'.")]
    [InlineData("--scale", "0", "--scale must be real seconds per story hour, from 0.02 to 3600; got '0'.")]
    [InlineData("--scale", "-1", "--scale must be real seconds per story hour, from 0.02 to 3600; got '-1'.")]
    [InlineData("--scale", "1e-300", "--scale must be real seconds per story hour, from 0.02 to 3600; got '1e-300'.")]
    [InlineData("--scale", "fast", "--scale must be real seconds per story hour, from 0.02 to 3600; got 'fast'.")]
    [InlineData("--scale", "Infinity", "--scale must be real seconds per story hour, from 0.02 to 3600; got 'Infinity'.")]
    [InlineData("--out", " ", "--out needs a value: a folder for the charts.")]
    [InlineData("--speed", "2", "Unknown argument '--speed': use --mealtimes, --scale, --out or --help.")]
    public void Bad_arguments_are_refused_with_one_line_naming_them_and_what_is_allowed(string flag, string value, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse([flag, value], DefaultOut));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("--mealtimes", "--mealtimes needs a value: comma-separated story hours, 0 or more, such as 1,2,3.")]
    [InlineData("--scale", "--scale needs a value: real seconds per story hour, from 0.02 to 3600.")]
    [InlineData("--out", "--out needs a value: a folder for the charts.")]
    public void A_flag_without_its_value_is_refused_saying_what_it_takes(string flag, string message)
    {
        Assert.Equal(message, Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse([flag], DefaultOut)).Message);
        Assert.Equal(message, Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse([flag, "--help"], DefaultOut)).Message);
    }

    [Fact]
    public void Minus_zero_is_zero()
    {
        SampleOptions options = SampleArguments.Parse(["--mealtimes", "-0,0.1,0.2"], DefaultOut)!;

        Assert.Equal([0.0, 0.1, 0.2], options.Deliveries.Select(d => d.Mealtime));
        Assert.False(double.IsNegative(options.Deliveries[0].Mealtime)); // "A eats -0 h" before
    }

    [Fact]
    public void Zero_and_equal_meals_are_fine_and_the_shortest_wait_itself_is_allowed()
    {
        Assert.Equal(3, SampleArguments.Parse(["--mealtimes", "0,0,0"], DefaultOut)!.Deliveries.Count);
        Assert.Equal(3, SampleArguments.Parse(["--mealtimes", "1,1,1"], DefaultOut)!.Deliveries.Count);
        Assert.NotNull(SampleArguments.Parse(["--mealtimes", "0.05,0", "--scale", "0.02"], DefaultOut)); // 1 ms: a timer's shortest wait
        Assert.NotNull(SampleArguments.Parse(["--mealtimes", "0.001", "--scale", "1"], DefaultOut));
    }

    [Fact]
    public void A_meals_shortness_is_checked_against_the_scale_whichever_comes_first()
    {
        const string expected = "--mealtimes: a meal of 0.001 story hours at --scale 0.1 lasts 0.1 ms, shorter than the shortest wait a timer can make (1 ms); use 0, at least 0.01 story hours, or a larger --scale.";

        Assert.Equal(expected, Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse(["--mealtimes", "0.001", "--scale", "0.1"], DefaultOut)).Message);
        Assert.Equal(expected, Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse(["--scale", "0.1", "--mealtimes", "0.001"], DefaultOut)).Message);
        Assert.NotNull(SampleArguments.Parse(["--mealtimes", "0.001", "--scale", "3600"], DefaultOut)); // 3.6 s there
    }

    [Fact]
    public void A_samples_own_waits_are_checked_like_the_meals()
    {
        SampleOptions options = SampleArguments.Parse(["--mealtimes", "0.06", "--scale", "0.02"], DefaultOut)!;

        SampleArguments.CheckWaits(options, [("the heartbeat", 0.25), ("no wait", 0)]);
        Assert.Equal(
            "--mealtimes and --scale make half of A's meal 0.03 story hours, which lasts 0.6 ms at --scale 0.02, shorter than the shortest wait a timer can make (1 ms); use 0 or longer meals, or a larger --scale.",
            Assert.ThrowsAny<ArgumentException>(() => SampleArguments.CheckWaits(options, [("half of A's meal", 0.03)])).Message);
    }

    [Fact]
    public void Meal_length_is_checked_against_the_scale_whichever_comes_first()
    {
        Assert.NotNull(SampleArguments.Parse(["--mealtimes", "1e5", "--scale", "0.02"], DefaultOut));
        Assert.NotNull(SampleArguments.Parse(["--scale", "0.02", "--mealtimes", "1e5"], DefaultOut));
        Assert.StartsWith("--mealtimes: a meal of 100000 story hours at --scale 3600",
            Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse(["--mealtimes", "1e5", "--scale", "3600"], DefaultOut)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_a_hundred_customers()
    {
        string hundred = string.Join(',', Enumerable.Repeat("1", SampleArguments.MaxCustomers));

        Assert.Equal(100, SampleArguments.Parse(["--mealtimes", hundred], DefaultOut)!.Deliveries.Count);
        Assert.Equal("--mealtimes takes at most 100 customers; got 101.",
            Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse(["--mealtimes", hundred + ",1"], DefaultOut)).Message);
    }

    [Fact]
    public void Every_message_is_one_line()
    {
        foreach (string[] args in (string[][])[["--mealtimes", "x"], ["--scale"], ["--nope"], ["--mealtimes", "1e12"]])
        {
            Assert.DoesNotContain('\n', Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse(args, DefaultOut)).Message);
        }
    }
}
