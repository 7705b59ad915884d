using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class StoryHoursTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.001, "0.001")]                    // a small meal keeps its digits: never "0"
    [InlineData(0.075, "0.075")]                    // never rounded to "0.08"
    [InlineData(0.000025, "0.000025")]              // plain decimals, never 2.5E-05
    [InlineData(0.30000000000000004, "0.3")]        // 0.1 + 0.2: no float noise
    [InlineData(0.10000000000000007, "0.1")]
    [InlineData(6.000000000000001, "6")]
    [InlineData(1.0 / 3, "0.333333333333")]         // 12 significant digits
    [InlineData(123456789.25, "123456789.25")]
    [InlineData(4294967.294, "4294967.294")]
    [InlineData(-2.0, "-2")]                        // what someone typed, for an error message
    [InlineData(1e308, "1E+308")]                   // beyond any story: exponent notation, not 309 digits
    [InlineData(5e-324, "5E-324")]                  // below any wait: never written as 0
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Format_writes_hours_as_typed_without_noise_or_a_signed_zero(double hours, string expected) =>
        Assert.Equal(expected, StoryHours.Format(hours));

    [Fact]
    public void Zero_is_written_without_a_sign()
    {
        Assert.Equal("0", StoryHours.Format(0.0));
        Assert.Equal("0", StoryHours.Format(double.NegativeZero)); // "-0" before: --mealtimes -0 printed "A eats -0 h"
        Assert.Equal("0", StoryHours.Format(-1e-3 * 0));
    }

    [Fact]
    public void Format_shows_every_typed_digit_of_a_sum_of_typed_values()
    {
        double[] meals = [0.1, 0.2, 0.7, 1.1, 2.2, 3.3];

        Assert.Equal("7.6", StoryHours.Format(meals.Sum()));
        Assert.Equal("0.011", StoryHours.Format(0.001 * 11));
    }

    [Theory]
    [InlineData(3.014, 2, "3.01")]
    [InlineData(3.015, 2, "3.02")]
    [InlineData(-0.001, 2, "0.00")]                 // a tiny negative is 0, without its sign
    [InlineData(0.0004, 2, "0.00")]
    [InlineData(12.5, 0, "13")]
    [InlineData(0.0045, 3, "0.005")]
    public void FormatMeasured_writes_a_measured_time_at_a_fixed_precision(double hours, int decimals, string expected) =>
        Assert.Equal(expected, StoryHours.FormatMeasured(hours, decimals));

    [Fact]
    public void FormatMeasured_takes_0_to_6_decimals()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StoryHours.FormatMeasured(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoryHours.FormatMeasured(1, 7));
    }

    [Fact]
    public void Format_goes_straight_into_Select_as_a_method_group()
    {
        double[] hours = [1, 0.5, -0.0];

        Assert.Equal(["1", "0.5", "0"], hours.Select(StoryHours.Format));
        Assert.Equal(["1.00", "0.50", "0.00"], hours.Select(h => StoryHours.FormatMeasured(h)));
    }

    [Fact]
    public void Format_is_the_same_whatever_the_current_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1.5", StoryHours.Format(1.5));
            Assert.Equal("1.50", StoryHours.FormatMeasured(1.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_library_writes_mealtimes_and_failures_with_it()
    {
        Assert.Equal("B dropped the plate after 0.075 h", new DeliveryFailedException("B", 0.075).Message);
        Assert.Equal("B dropped the plate after 0 h", new DeliveryFailedException("B", -0.0).Message);
        Assert.Equal("B dropped the plate after 0.3 h", new DeliveryFailedException("B", 0.1 + 0.2).Message);
    }
}
