using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class CompletionOrderCostTests
{
    [Fact]
    public void A_WhenAny_loop_allocates_quadratically_and_WhenEach_almost_nothing()
    {
        CompletionCost small = CompletionOrderCost.MeasureWhenAnyLoop(200), large = CompletionOrderCost.MeasureWhenAnyLoop(2_000);
        CompletionCost each = CompletionOrderCost.MeasureWhenEach(2_000);

        Assert.Equal(("WhenAny loop", 2_000), (large.Way, large.Tasks));
        Assert.Equal(("WhenEach", 2_000), (each.Way, each.Tasks));
        // Ten times the tasks: about a hundred times the bytes for the loop (each round copies and registers on every
        // pending task); WhenEach's state is a few hundred bytes, whatever the count.
        Assert.InRange((double)large.AllocatedBytes / small.AllocatedBytes, 50, 150);
        Assert.InRange(each.AllocatedBytes, 1, 10_000);
        Assert.True(large.Time > TimeSpan.Zero && each.Time > TimeSpan.Zero);
    }

    [Fact]
    public void A_single_task_is_handled_either_way()
    {
        Assert.Equal(1, CompletionOrderCost.MeasureWhenAnyLoop(1).Tasks);
        Assert.Equal(1, CompletionOrderCost.MeasureWhenEach(1).Tasks);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void A_count_outside_one_to_a_hundred_thousand_is_refused_naming_it(int tasks)
    {
        var any = Assert.Throws<ArgumentOutOfRangeException>(() => CompletionOrderCost.MeasureWhenAnyLoop(tasks));
        var each = Assert.Throws<ArgumentOutOfRangeException>(() => CompletionOrderCost.MeasureWhenEach(tasks));

        Assert.Equal("tasks", any.ParamName);
        Assert.Equal("tasks", each.ParamName);
    }
}
