using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ExerciseTests : IDisposable
{
    private readonly StringWriter _printed = new();
    private readonly TextWriter _console = Console.Out;
    private readonly ExerciseHintSteps _steps = new(); // each test its own: the kernel's are shared by title

    public ExerciseTests() => Console.SetOut(_printed);

    public void Dispose()
    {
        Console.SetOut(_console);
        _printed.Dispose();
    }

    private Exercise Sync(string title, Func<bool> check, params string[] hints) => new(title, check, null, hints, _steps);

    private Exercise Async(string title, Func<Task<bool>> check, params string[] hints) => new(title, null, check, hints, _steps);

    [Fact]
    public void Check_reports_solved_not_tried_wrong_and_throwing_without_throwing()
    {
        Func<int> answer = () => throw new NotImplementedException("Exercise 1: your code here");
        var exercise = Sync("1. Sum", () => answer() == 6, "add the mealtimes");

        Assert.Equal("⏳ 1. Sum: not tried yet. Edit the exercise cell, run it, then run this check again.", exercise.Check());
        answer = () => 5;
        Assert.Equal("❌ 1. Sum: not solved yet. Hint: add the mealtimes", exercise.Check());
        answer = () => throw new InvalidOperationException("oops");
        Assert.Equal("❌ 1. Sum: not solved yet. Your code threw InvalidOperationException (\"oops\"). Hint: add the mealtimes", exercise.Check());
        answer = () => 6;
        Assert.Equal("✅ 1. Sum: solved.", exercise.Check());
    }

    [Fact]
    public void Each_failed_check_shows_the_next_hint_and_after_the_last_it_keeps_showing_the_last()
    {
        var exercise = Sync("2. Steps", () => false, "a nudge", "a closer look", "nearly there");

        string[] reports = [.. Enumerable.Range(0, 5).Select(_ => exercise.Check())];

        Assert.Equal(
        [
            "❌ 2. Steps: not solved yet. Hint 1 of 3: a nudge",
            "❌ 2. Steps: not solved yet. Hint 2 of 3: a closer look",
            "❌ 2. Steps: not solved yet. Hint 3 of 3: nearly there",
            "❌ 2. Steps: not solved yet. Hint 3 of 3: nearly there",
            "❌ 2. Steps: not solved yet. Hint 3 of 3: nearly there",
        ], reports);
    }

    [Fact]
    public void The_hint_steps_survive_running_the_check_cell_again_which_defines_the_exercise_anew()
    {
        string CheckCell() => Sync("3. Again", () => false, "first", "second").Check();

        Assert.EndsWith("Hint 1 of 2: first", CheckCell(), StringComparison.Ordinal);
        Assert.EndsWith("Hint 2 of 2: second", CheckCell(), StringComparison.Ordinal);
        Assert.EndsWith("Hint 1 of 2: first", Sync("4. Another", () => false, "first", "second").Check(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_uses_up_no_hint_and_verifying_uses_none_either()
    {
        bool tried = false;
        var exercise = Sync("5. Later", () => tried ? false : throw new NotImplementedException(), "first", "second");

        exercise.Check();
        exercise.Check();
        Assert.Throws<InvalidOperationException>(exercise.Verify);
        tried = true;

        Assert.EndsWith("Hint 1 of 2: first", exercise.Check(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_never_reports_solved_unless_the_learners_code_makes_the_check_true()
    {
        int calls = 0;
        var exercise = Sync("6. Honest", () => { calls++; return false; }, "h");

        for (int i = 0; i < 3; i++)
        {
            Assert.StartsWith("❌", exercise.Check(), StringComparison.Ordinal);
        }

        Assert.Equal(3, calls); // every check runs the learner's code again: nothing is remembered as solved
    }

    [Fact]
    public void Verify_throws_unless_solved_with_the_learners_exception_inside_and_says_so_when_it_passes()
    {
        int answer = 5;
        var exercise = Sync("1. Sum", () => answer == 6 ? true : throw new ArgumentException("bad sum"), "add the mealtimes");

        var error = Assert.Throws<InvalidOperationException>(exercise.Verify);
        Assert.Equal("1. Sum: the answer does not pass its check: it threw ArgumentException: bad sum.", error.Message);
        Assert.IsType<ArgumentException>(error.InnerException);

        answer = 6;
        exercise.Verify();
        Assert.Equal("✅ 1. Sum: the solution passes its check." + Environment.NewLine, _printed.ToString());
    }

    [Fact]
    public async Task An_async_check_awaits_the_learners_code_and_reports_the_same_way()
    {
        Func<Task<double>> learner = () => throw new NotImplementedException();
        var exercise = Async("7. Await it", async () => await learner() == 3, "a nudge", "closer");

        Assert.True(exercise.IsAsync);
        Assert.StartsWith("⏳ 7. Await it: not tried yet.", await exercise.CheckAsync(), StringComparison.Ordinal);
        learner = async () => { await Task.Yield(); return 2; };
        Assert.Equal("❌ 7. Await it: not solved yet. Hint 1 of 2: a nudge", await exercise.CheckAsync());
        learner = async () => { await Task.Yield(); throw new TimeoutException("too slow"); };
        Assert.Equal("❌ 7. Await it: not solved yet. Your code threw TimeoutException (\"too slow\"). Hint 2 of 2: closer", await exercise.CheckAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(exercise.VerifyAsync);
        learner = async () => { await Task.Yield(); return 3; };
        Assert.Equal("✅ 7. Await it: solved.", await exercise.CheckAsync());
        await exercise.VerifyAsync();
    }

    [Fact]
    public async Task A_sync_exercise_can_be_checked_and_verified_with_the_async_methods_too()
    {
        bool right = false;
        var exercise = Sync("8. Either", () => right, "h");

        Assert.False(exercise.IsAsync);
        Assert.StartsWith("❌", await exercise.CheckAsync(), StringComparison.Ordinal);
        right = true;
        await exercise.VerifyAsync();
    }

    [Fact]
    public void An_async_check_refuses_the_sync_methods_naming_the_one_to_use()
    {
        var exercise = Async("9. Async only", () => Task.FromResult(true), "h");

        var check = Assert.Throws<InvalidOperationException>(() => exercise.Check());
        var verify = Assert.Throws<InvalidOperationException>(exercise.Verify);

        Assert.Contains("await exercise.CheckAsync()", check.Message, StringComparison.Ordinal);
        Assert.Contains("await exercise.VerifyAsync()", verify.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_constructors_keep_todays_call_and_take_an_async_check()
    {
        int answer = 6;

        var sync = new Exercise("10. Today's call", () => answer == 6, "one hint");
        var async = new Exercise("10. Async", async () => { await Task.Yield(); return answer == 6; }, "first", "second");

        Assert.Equal(["one hint"], sync.Hints);
        Assert.False(sync.IsAsync);
        Assert.True(async.IsAsync);
        Assert.Equal("✅ 10. Today's call: solved.", sync.Check());
    }

    [Fact]
    public void An_exercise_needs_a_title_a_check_and_at_least_one_hint_none_blank()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Exercise("", () => true, "h"));
        Assert.Throws<ArgumentNullException>(() => new Exercise("t", (Func<bool>)null!, "h"));
        Assert.Throws<ArgumentNullException>(() => new Exercise("t", (Func<Task<bool>>)null!, "h"));
        Assert.ThrowsAny<ArgumentException>(() => new Exercise("t", () => true));
        Assert.ThrowsAny<ArgumentException>(() => new Exercise("t", () => true, "a nudge", " "));
    }

    [Theory]
    [InlineData("loop")]
    [InlineData("Loop")]
    [InlineData("  LOOP ")]
    [InlineData("\"loop\"")]
    [InlineData("'loop'")]
    [InlineData("“loop”")]
    [InlineData("‘loop’")]
    [InlineData("«loop»")]
    [InlineData("ｌｏｏｐ")] // full-width letters, as an East Asian keyboard may type them
    [InlineData("l o\to\u00A0p")] // tabs and non-breaking spaces inside
    public void A_text_answer_is_compared_ignoring_case_spaces_quotes_and_width(string answer)
    {
        Assert.True(Exercise.SameText(answer, "loop"));
    }

    [Theory]
    [InlineData("loops")]
    [InlineData("lop")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("thread")]
    public void A_different_text_answer_is_still_wrong(string? answer)
    {
        Assert.False(Exercise.SameText(answer, "loop"));
    }

    [Fact]
    public void A_text_answer_may_match_any_of_several_accepted_ones()
    {
        Assert.True(Exercise.SameText("Event Loop", "loop", "event loop"));
        Assert.True(Exercise.SameText("Task.WhenAll", "task.whenall"));
        Assert.False(Exercise.SameText("Task.WhenAny", "Task.WhenAll"));
    }

    [Fact]
    public void The_accepted_answers_must_say_something()
    {
        Assert.Throws<ArgumentException>(() => Exercise.SameText("x"));
        Assert.Throws<ArgumentException>(() => Exercise.SameText("x", "“ ”"));
    }

    [Theory]
    [InlineData("bc")]
    [InlineData("cb")]
    [InlineData("B, C")]
    [InlineData("c,b")]
    [InlineData("(b) (c)")]
    [InlineData("bcb")]
    public void A_letters_answer_is_the_set_of_its_letters_in_any_order_case_or_separation(string answer)
    {
        Assert.True(Exercise.SameLetters(answer, "bc"));
    }

    [Theory]
    [InlineData("b")]
    [InlineData("abc")]
    [InlineData("b and c")]
    [InlineData("")]
    [InlineData(null)]
    public void A_letters_answer_with_a_letter_missing_or_extra_is_wrong(string? answer)
    {
        Assert.False(Exercise.SameLetters(answer, "bc"));
    }

    [Fact]
    public void The_expected_letters_must_name_at_least_one()
    {
        Assert.Throws<ArgumentException>(() => Exercise.SameLetters("a", "1, 2"));
    }
}
