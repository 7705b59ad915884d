using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class KitchenTests
{
    [Fact]
    public void Cooking_is_deterministic_and_depends_on_the_work()
    {
        Assert.Equal(Kitchen.Cook(50), Kitchen.Cook(50));
        Assert.NotEqual(Kitchen.Cook(50), Kitchen.Cook(51));
    }

    [Fact]
    public void Each_dish_is_recorded_as_cooking_on_the_thread_that_cooked_it()
    {
        var kitchen = new Kitchen(new Timeline("kitchen"), unitsPerDish: 10);

        kitchen.CookDish(1);
        kitchen.CookDish(2);

        Assert.Equal(["dish 1", "dish 2"], kitchen.Timeline.Spans.Select(s => s.Name));
        Assert.All(kitchen.Timeline.Spans, s =>
        {
            Assert.Equal(Phase.Cooking, s.Phase);
            Assert.Equal(Environment.CurrentManagedThreadId, s.ThreadId);
        });
    }

    [Fact]
    public void Units_for_a_longer_dish_are_more()
    {
        int shortDish = Kitchen.UnitsFor(TimeSpan.FromMilliseconds(5));
        int longDish = Kitchen.UnitsFor(TimeSpan.FromMilliseconds(50));

        Assert.InRange(longDish / (double)shortDish, 2, 50); // about 10; wide, since a shared machine is noisy
    }

    [Fact]
    public void Bad_sizes_are_refused()
    {
        Assert.Equal("unitsPerDish", Assert.Throws<ArgumentOutOfRangeException>(() => new Kitchen(new Timeline(), 0)).ParamName);
        Assert.Equal("units", Assert.Throws<ArgumentOutOfRangeException>(() => Kitchen.Cook(-1)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Kitchen.UnitsFor(TimeSpan.Zero)).ParamName);
    }
}

public sealed class SingleThreadLoopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_continuation_runs_on_the_one_loop_thread_and_the_waits_overlap()
    {
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var clock = new System.Diagnostics.Stopwatch();
        TimeSpan elapsed = default;

        int[] results = await SingleThreadLoop.RunAsync(async () =>
        {
            async Task<int> Wait(int ms)
            {
                threads.Add(Environment.CurrentManagedThreadId);
                await Task.Delay(ms);
                threads.Add(Environment.CurrentManagedThreadId);
                return ms;
            }

            clock.Start();
            int[] all = await Task.WhenAll(Wait(200), Wait(400), Wait(600));
            elapsed = clock.Elapsed; // measured on the loop, not after the test's own continuation gets its turn
            return all;
        }).WaitAsync(Bound);

        Assert.Equal([200, 400, 600], results);
        Assert.Single(threads.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads.First());
        // Overlapped, the waits take about the longest (600 ms); one after another they would take the sum (1200 ms).
        Assert.True(elapsed < TimeSpan.FromMilliseconds(900), $"took {elapsed}: the waits did not overlap");
    }

    [Fact]
    public async Task An_exception_reaches_the_caller()
    {
        Task run = SingleThreadLoop.RunAsync(async () =>
        {
            await Task.Delay(1);
            throw new InvalidOperationException("burnt");
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Bound));
        Assert.Equal("burnt", error.Message);
    }

    [Fact]
    public async Task Send_is_refused() =>
        await SingleThreadLoop.RunAsync(() =>
        {
            Assert.Throws<NotSupportedException>(() => SynchronizationContext.Current!.Send(_ => { }, null));
            return Task.CompletedTask;
        }).WaitAsync(Bound);
}
