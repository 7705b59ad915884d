using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ExerciseTests
{
    [Fact]
    public void Check_reports_solved_not_tried_wrong_and_throwing_without_throwing()
    {
        Func<int> answer = () => throw new NotImplementedException();
        var exercise = new Exercise("1. Sum", () => answer() == 6, "add the mealtimes");

        Assert.StartsWith("⏳", exercise.Check(), StringComparison.Ordinal);
        answer = () => 5;
        Assert.Contains("not yet. Hint: add the mealtimes", exercise.Check(), StringComparison.Ordinal);
        answer = () => throw new InvalidOperationException("oops");
        Assert.Contains("InvalidOperationException: oops", exercise.Check(), StringComparison.Ordinal);
        answer = () => 6;
        Assert.StartsWith("✅", exercise.Check(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_throws_unless_solved()
    {
        int answer = 5;
        var exercise = new Exercise("1. Sum", () => answer == 6, "add the mealtimes");

        var error = Assert.Throws<InvalidOperationException>(exercise.Verify);
        Assert.Contains("1. Sum", error.Message, StringComparison.Ordinal);

        answer = 6;
        exercise.Verify();
    }

    [Fact]
    public void An_exercise_needs_a_title_a_check_and_a_hint()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Exercise("", () => true, "h"));
        Assert.ThrowsAny<ArgumentException>(() => new Exercise("t", null!, "h"));
        Assert.ThrowsAny<ArgumentException>(() => new Exercise("t", () => true, " "));
    }
}
