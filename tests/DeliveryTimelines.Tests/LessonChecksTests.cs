using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class LessonChecksTests
{
    [Fact]
    public void Each_check_is_printed_as_it_is_made_and_counted()
    {
        var output = new StringWriter();
        var checks = new LessonChecks(output);

        checks.That(true, "Select starts nothing");
        checks.That(false, "count++ loses updates");
        checks.That(true, "ToArray starts each delivery once");

        Assert.Equal(["✔ Select starts nothing", "✘ count++ loses updates", "✔ ToArray starts each delivery once"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, checks.Held);
        Assert.Equal(["count++ loses updates"], checks.Failed);
        Assert.Equal("1 of 3 checks did not hold: count++ loses updates", checks.ToString());
    }

    [Fact]
    public void With_every_check_held_it_says_so()
    {
        var checks = new LessonChecks(TextWriter.Null);

        checks.That(true, "one");
        checks.That(true, "two");

        Assert.Equal("all 2 checks held", checks.ToString());
        Assert.Empty(checks.Failed);
    }

    [Fact]
    public void Without_a_writer_it_prints_to_the_console_of_the_moment()
    {
        var checks = new LessonChecks();
        TextWriter original = Console.Out;
        var captured = new StringWriter();
        try
        {
            Console.SetOut(captured);
            checks.That(true, "printed where the cell's output goes");
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal("✔ printed where the cell's output goes" + Environment.NewLine, captured.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_check_without_a_claim_is_refused(string? claim)
    {
        var checks = new LessonChecks(TextWriter.Null);

        Assert.ThrowsAny<ArgumentException>(() => checks.That(true, claim!));
        Assert.Equal(0, checks.Held);
    }

    [Fact]
    public async Task Checks_made_from_many_threads_at_once_are_all_counted()
    {
        var checks = new LessonChecks(TextWriter.Null);

        await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => Task.Run(() => checks.That(i % 10 != 0, $"check {i}"))));

        Assert.Equal(900, checks.Held);
        Assert.Equal(100, checks.Failed.Count);
    }
}
