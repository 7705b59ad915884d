using Xunit;

namespace DeliveryTimelines.Tests;

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
    [InlineData("--mealtimes", "1,-2", "--mealtimes must be 0 or more story hours each; got '1,-2'.")]
    [InlineData("--mealtimes", "1,x", "--mealtimes must be comma-separated numbers of story hours, 0 or more, such as 1,2,3; got 'x'.")]
    [InlineData("--mealtimes", "1,,2", "--mealtimes must be comma-separated numbers of story hours, such as 1,2,3; got '1,,2'.")]
    [InlineData("--mealtimes", "NaN", "--mealtimes must be comma-separated numbers of story hours, 0 or more, such as 1,2,3; got 'NaN'.")]
    [InlineData("--scale", "0", "--scale must be a number of real seconds per story hour greater than 0; got '0'.")]
    [InlineData("--scale", "fast", "--scale must be a number of real seconds per story hour greater than 0, such as 0.1; got 'fast'.")]
    [InlineData("--speed", "2", "Unknown argument '--speed': use --mealtimes, --scale, --out or --help.")]
    public void Bad_arguments_are_refused_with_a_message_naming_them(string flag, string value, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse([flag, value], DefaultOut));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_without_its_value_is_refused() =>
        Assert.StartsWith("--scale needs a value.",
            Assert.ThrowsAny<ArgumentException>(() => SampleArguments.Parse(["--scale"], DefaultOut)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "A2")]
    public void Customers_are_named_by_letter(int index, string name) => Assert.Equal(name, SampleArguments.CustomerName(index));
}
