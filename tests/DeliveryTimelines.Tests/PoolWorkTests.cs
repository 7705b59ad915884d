using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>
/// Measuring work and the thread-pool work items it completed. The count is the whole process's, and tests run in
/// parallel, so only lower bounds are asserted.
/// </summary>
public sealed class PoolWorkTests
{
    [Fact]
    public async Task Work_queued_to_the_pool_is_counted_and_runs_every_round()
    {
        int runs = 0;
        PoolWorkCost cost = await PoolWork.MeasureAsync(() =>
        {
            Interlocked.Increment(ref runs);
            return Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Thread.SpinWait(100))));
        }, rounds: 3);

        Assert.Equal(3, runs);
        Assert.True(cost.WorkItems >= 20, $"20 Task.Run items per round, counted {cost.WorkItems}");
        Assert.True(cost.PoolThreads >= 1);
        Assert.True(cost.Fastest <= cost.Median && cost.Median <= cost.Slowest, cost.ToString());
    }

    [Fact]
    public async Task The_median_is_the_middle_run()
    {
        var waits = new Queue<int>([30, 1, 60]);
        PoolWorkCost cost = await PoolWork.MeasureAsync(() => Task.Delay(waits.Dequeue()), rounds: 3);

        Assert.True(cost.Median.TotalMilliseconds >= 20, $"the 30 ms run (a Task.Delay may end a timer tick early): {cost}");
        Assert.True(cost.Fastest < cost.Median && cost.Median < cost.Slowest, cost.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void Rounds_outside_the_range_and_no_work_are_refused_at_the_call(int rounds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = PoolWork.MeasureAsync(() => Task.CompletedTask, rounds); });

        Assert.Equal("rounds", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => { _ = PoolWork.MeasureAsync(null!); });
    }
}
