using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>The one reader of the Python scale benchmark's JSON line (bench/python/scale.py gather).</summary>
public sealed class PythonScaleResultTests
{
    [Fact]
    public void Reads_the_line_the_Python_benchmark_prints()
    {
        PythonScaleResult result = PythonScaleResult.Parse(
            """{"runtime": "python", "n": 100000, "wall": 1.2345678901234, "cpu": 0.98, "peakRssBytes": 184000000}""" + "\n");

        Assert.Equal(new PythonScaleResult(100_000, 1.2345678901234, 0.98, 184_000_000), result);
    }

    [Fact]
    public void Reads_the_same_fields_from_the_benchmark_s_CSharp_children_and_the_baseline()
    {
        PythonScaleResult result = PythonScaleResult.Parse("""{"n":0,"wall":0.0101,"cpu":0,"peakRssBytes":31457280,"gc":"workstation, Batch"}""");

        Assert.Equal(new PythonScaleResult(0, 0.0101, 0, 31_457_280), result);
    }

    [Theory]
    [InlineData("", "it is not JSON")]
    [InlineData("Traceback (most recent call last):", "it is not JSON")]
    [InlineData("""{"n": 1000, "wall": NaN, "cpu": 0.1, "peakRssBytes": 1}""", "it is not JSON")]
    [InlineData("[1000, 1.0, 0.1, 20000000]", "it is not a JSON object")]
    [InlineData("""{"n": 1000, "cpu": 0.1, "peakRssBytes": 20000000}""", "it has no \"wall\" field")]
    [InlineData("""{"n": 1000, "wall": 1.0, "cpu": 0.1}""", "it has no \"peakRssBytes\" field")]
    [InlineData("""{"n": -1, "wall": 1.0, "cpu": 0.1, "peakRssBytes": 20000000}""", "its \"n\" must be a whole number, 0 or more; got -1")]
    [InlineData("""{"n": 1000.5, "wall": 1.0, "cpu": 0.1, "peakRssBytes": 20000000}""", "its \"n\" must be a whole number, 0 or more; got 1000.5")]
    [InlineData("""{"n": 1000, "wall": "1.0", "cpu": 0.1, "peakRssBytes": 20000000}""", "its \"wall\" must be seconds, 0 or more; got \"1.0\"")]
    [InlineData("""{"n": 1000, "wall": -0.5, "cpu": 0.1, "peakRssBytes": 20000000}""", "its \"wall\" must be seconds, 0 or more; got -0.5")]
    [InlineData("""{"n": 1000, "wall": 1e400, "cpu": 0.1, "peakRssBytes": 20000000}""", "its \"wall\" must be seconds, 0 or more; got 1e400")]
    [InlineData("""{"n": 1000, "wall": 1.0, "cpu": null, "peakRssBytes": 20000000}""", "its \"cpu\" must be seconds, 0 or more; got null")]
    [InlineData("""{"n": 1000, "wall": 1.0, "cpu": 0.1, "peakRssBytes": 0}""", "its \"peakRssBytes\" must be a whole number of bytes above 0; got 0")]
    public void A_line_that_is_not_a_result_is_refused_naming_what_is_wrong_and_quoting_it(string line, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PythonScaleResult.Parse(line));

        Assert.StartsWith($"Not a result line of bench/python/scale.py gather: {reason}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"The line: '{line}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_line_is_quoted_in_part()
    {
        string line = "{\"n\": " + new string('9', 500) + "}";

        var error = Assert.Throws<FormatException>(() => PythonScaleResult.Parse(line));

        Assert.EndsWith("…'", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void Null_is_refused() => Assert.Throws<ArgumentNullException>(() => PythonScaleResult.Parse(null!));
}
