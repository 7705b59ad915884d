using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ParametersTests
{
    private static readonly (string Name, double Mealtime)[] Story = [("A", 1), ("B", 2), ("C", 3)];

    [Fact]
    public void The_lessons_own_values_pass()
    {
        var deliveries = Story;
        var secondsPerHour = 1.0;
        var riders = 2;
        var liveSizes = new[] { 1_000, 10_000, 100_000 };
        var heartbeatHours = 0.25;

        Parameters.Check(deliveries, secondsPerHour);
        Parameters.Check([("A", 0)], StoryClock.MinSecondsPerHour); // a meal of 0 hours and the fastest clock are allowed
        Parameters.CheckScale(StoryClock.MaxSecondsPerHour);
        Parameters.CheckCount(riders, 1, 10);
        Parameters.CheckCounts(liveSizes, 1, 100_000);
        Parameters.CheckHours(heartbeatHours, secondsPerHour, allowZero: false);
        Parameters.CheckHours(0, secondsPerHour);
    }

    [Fact]
    public void A_negative_mealtime_is_reported_with_the_customer_the_field_the_value_and_the_rule()
    {
        var deliveries = new (string Name, double Mealtime)[] { ("A", 1), ("B", -2), ("C", 3) };

        var error = Assert.Throws<BadParameterException>(() => Parameters.Check(deliveries, 1.0));

        Assert.Equal("B's mealtime is -2 h: a mealtime must be a finite number of story hours, 0 or more.", error.Message);
        Assert.Equal("deliveries", error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void A_mealtime_that_is_not_a_finite_number_is_reported(double mealtime, string written)
    {
        var error = Assert.Throws<BadParameterException>(() => Parameters.Check([("A", 1), ("C", mealtime)], 1.0));

        Assert.Equal($"C's mealtime is {written} h: a mealtime must be a finite number of story hours, 0 or more.", error.Message);
    }

    [Fact]
    public void A_mealtime_longer_than_the_clock_can_wait_is_reported_with_the_scale()
    {
        var error = Assert.Throws<BadParameterException>(() => Parameters.Check([("A", 1), ("B", 5e6)], 1.0));

        Assert.Equal("B's mealtime is 5000000 h: at 1 s per story hour that is longer than the longest wait .NET allows (49.7 days).", error.Message);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException); // the clock's own verdict, kept
        Parameters.Check([("B", 5e6)], 0.5); // the same meal on a clock twice as fast fits
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.0009, "0.0009")]
    [InlineData(3601.0, "3601")]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    public void A_clock_scale_outside_the_allowed_range_is_reported_before_any_delivery(double secondsPerHour, string written)
    {
        var deliveries = new (string Name, double Mealtime)[] { ("A", -1) };

        var error = Assert.Throws<BadParameterException>(() => Parameters.Check(deliveries, secondsPerHour));

        Assert.Equal($"secondsPerHour is {written}: the clock scale must be from 0.001 to 3600 real seconds per story hour.", error.Message);
        Assert.Equal("secondsPerHour", error.ParamName);
    }

    [Fact]
    public void The_scale_check_names_the_callers_variable()
    {
        double storyScale = 0;

        var error = Assert.Throws<BadParameterException>(() => Parameters.CheckScale(storyScale));

        Assert.StartsWith("storyScale is 0:", error.Message, StringComparison.Ordinal);
        Assert.Equal("storyScale", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void A_customer_without_a_name_is_reported_by_position_with_a_suggested_name(string? name)
    {
        var deliveries = new (string Name, double Mealtime)[] { ("A", 1), (name!, 2) };

        var error = Assert.Throws<BadParameterException>(() => Parameters.Check(deliveries, 1.0));

        Assert.Equal("deliveries[1] has no name (its mealtime is 2 h): every customer needs a name, such as \"B\".", error.Message);
    }

    [Fact]
    public void A_name_given_twice_is_reported_with_both_positions()
    {
        var deliveries = new (string Name, double Mealtime)[] { ("A", 1), ("B", 2), ("A", 3) };

        var error = Assert.Throws<BadParameterException>(() => Parameters.Check(deliveries, 1.0));

        Assert.Equal("\"A\" is in deliveries twice (at 0 and 2): customer names must be distinct, since each one names its own row of the charts.", error.Message);
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_distinct_customers()
    {
        Parameters.Check([("a", 1), ("A", 2)], 1.0);
    }

    [Fact]
    public void No_deliveries_at_all_is_reported()
    {
        (string Name, double Mealtime)[] myDeliveries = [];
        IReadOnlyList<(string Name, double Mealtime)> lost = null!;

        var empty = Assert.Throws<BadParameterException>(() => Parameters.Check(myDeliveries, 1.0));
        var missing = Assert.Throws<BadParameterException>(() => Parameters.Check(lost, 1.0));

        Assert.Equal("myDeliveries is empty: the story needs at least one customer, such as (\"A\", 1).", empty.Message);
        Assert.Equal("myDeliveries", empty.ParamName);
        Assert.StartsWith("lost is null:", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "riders is 0: it must be a whole number from 1 to 1,000.")]
    [InlineData(1001, "riders is 1,001: it must be a whole number from 1 to 1,000.")]
    public void A_count_outside_its_range_is_reported_with_the_range(int riders, string message)
    {
        var error = Assert.Throws<BadParameterException>(() => Parameters.CheckCount(riders, 1, 1000));

        Assert.Equal(message, error.Message);
        Assert.Equal("riders", error.ParamName);
    }

    [Fact]
    public void A_list_of_counts_reports_the_first_bad_one_by_position_and_an_empty_list()
    {
        var liveSizes = new[] { 1_000, 0, 2_000_000 };
        var none = Array.Empty<int>();

        var bad = Assert.Throws<BadParameterException>(() => Parameters.CheckCounts(liveSizes, 1, 100_000));
        var empty = Assert.Throws<BadParameterException>(() => Parameters.CheckCounts(none, 1, 100_000));

        Assert.Equal("liveSizes[1] is 0: each must be a whole number from 1 to 100,000.", bad.Message);
        Assert.Equal("none is empty: it needs at least one whole number from 1 to 100,000.", empty.Message);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_a_mistake_in_the_lesson_not_a_bad_value()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parameters.CheckCount(5, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parameters.CheckCounts([5], 10, 1));
    }

    [Fact]
    public void Hours_are_reported_by_the_callers_variable_with_zero_allowed_or_not()
    {
        double deadlineHours = -0.5, heartbeatHours = 0, giveUpAt = 1e9;

        var negative = Assert.Throws<BadParameterException>(() => Parameters.CheckHours(deadlineHours, 1.0));
        var zero = Assert.Throws<BadParameterException>(() => Parameters.CheckHours(heartbeatHours, 1.0, allowZero: false));
        var tooLong = Assert.Throws<BadParameterException>(() => Parameters.CheckHours(giveUpAt, 1.0));
        var badScale = Assert.Throws<BadParameterException>(() => Parameters.CheckHours(1, 0));

        Assert.Equal("deadlineHours is -0.5 h: it must be a finite number of story hours, 0 or more.", negative.Message);
        Assert.Equal("heartbeatHours is 0 h: it must be a finite number of story hours, greater than 0.", zero.Message);
        Assert.Equal("giveUpAt is 1000000000 h: at 1 s per story hour that is longer than the longest wait .NET allows (49.7 days).", tooLong.Message);
        Assert.Equal("deadlineHours", negative.ParamName);
        Assert.StartsWith("secondsPerHour is 0: the clock scale", badScale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_is_the_whole_text_the_kernel_shows_and_the_checks_frames_are_hidden()
    {
        var error = Assert.Throws<BadParameterException>(() => Parameters.Check([("B", -2)], 1.0));

        Assert.Equal(error.Message, error.ToString());
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.NotNull(error.StackTrace); // where it was thrown is still there for a debugger
        Assert.DoesNotContain("DeliveryTimelines.Parameters", error.StackTrace, StringComparison.Ordinal);
        Assert.Contains(nameof(The_report_is_the_whole_text_the_kernel_shows_and_the_checks_frames_are_hidden), error.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void The_other_constructors_keep_the_usual_exception_shape()
    {
        var inner = new InvalidOperationException("cause");

        Assert.Equal("report", new BadParameterException("report").Message);
        Assert.Same(inner, new BadParameterException("report", inner).InnerException);
        Assert.Null(new BadParameterException().ParamName);
    }
}
