using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>
/// The weighing of a pending delivery. Byte counts depend on the build (a Debug build's state machine is an object of
/// its own) and the runtime, so these assert how the pieces add up and their sizes' order, not exact figures.
/// </summary>
public sealed class PendingBytesTests
{
    [Fact]
    public async Task A_quiet_delivery_weighs_its_box_plus_its_Task_Delay()
    {
        PendingDeliveryBytes bytes = await PendingBytes.MeasureAsync(1_000);

        Assert.Equal(1_000, bytes.Deliveries);
        Assert.InRange(bytes.Box, 80, 250);          // one object: the Task<double> and the state machine
        Assert.InRange(bytes.Delay, 100, 300);       // a promise and a timer
        Assert.InRange(bytes.QuietDelivery - (bytes.Box + bytes.Delay), -1, 1);
    }

    [Fact]
    public async Task WhenAll_holds_a_slot_per_pending_task_and_a_double_per_result()
    {
        PendingDeliveryBytes bytes = await PendingBytes.MeasureAsync(10_000);

        Assert.InRange(bytes.WhenAllPending, 8, 8.1);   // its copy of the array of tasks, plus its own promise shared by all
        Assert.InRange(bytes.WhenAllResult, 8, 8.1);    // the double[] of results
        Assert.InRange(bytes.SharedTaskEntry, 8, 64);   // a continuation list entry, with the list's growth
        Assert.Equal(bytes.QuietDelivery + bytes.WhenAllPending + bytes.WhenAllResult, bytes.GatheredWithDelay, 6);
        Assert.Equal(bytes.Box + bytes.SharedTaskEntry + bytes.WhenAllPending + bytes.WhenAllResult, bytes.GatheredWithSharedTimers, 6);
        Assert.True(bytes.GatheredWithSharedTimers < bytes.GatheredWithDelay - 100, $"shared {bytes.GatheredWithSharedTimers:F0} B, Task.Delay {bytes.GatheredWithDelay:F0} B");
    }

    [Fact]
    public void The_library_says_how_it_was_compiled()
    {
#if DEBUG
        Assert.False(PendingBytes.LibraryIsOptimized); // a Debug test run builds the library it references in Debug too
#else
        Assert.True(PendingBytes.LibraryIsOptimized);
#endif
    }

    [Fact]
    public async Task A_pending_call_of_any_async_method_is_weighed_and_finished()
    {
        double bytes = await PendingBytes.OfPendingCallAsync(meal => AwaitThen(meal, 1.0), 1_000);

        Assert.InRange(bytes, 80, 250);
    }

    [Fact]
    public async Task A_method_that_does_not_wait_for_its_meal_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PendingBytes.OfPendingCallAsync(_ => Task.FromResult(1.0), 100));

        Assert.Contains("without waiting", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1_000_001)]
    public void Counts_outside_the_range_are_refused_at_the_call(int count)
    {
        var measure = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = PendingBytes.MeasureAsync(count); });
        var ofCall = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = PendingBytes.OfPendingCallAsync(m => AwaitThen(m, 1), count); });

        Assert.Equal("deliveries", measure.ParamName);
        Assert.Equal("calls", ofCall.ParamName);
        Assert.Throws<ArgumentNullException>(() => { _ = PendingBytes.OfPendingCallAsync(null!); });
    }

    private static async Task<double> AwaitThen(Task meal, double mealtime)
    {
        await meal.ConfigureAwait(false);
        return mealtime;
    }
}
