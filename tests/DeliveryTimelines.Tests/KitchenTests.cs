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

        Assert.Equal(["dish 1", "dish 2"], kitchen.Timeline.Snapshot().Select(s => s.Name));
        Assert.All(kitchen.Timeline.Snapshot(), s =>
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

    [Fact]
    public void Dishes_cooked_at_the_same_time_are_all_recorded_with_their_threads()
    {
        var kitchen = new Kitchen(new Timeline("every core"), unitsPerDish: 200);

        Parallel.For(1, 33, dish => kitchen.CookDish(dish));

        Assert.Equal(32, kitchen.Timeline.Count);
        Assert.Equal(Enumerable.Range(1, 32).Select(d => $"dish {d}").Order(), kitchen.Timeline.Snapshot().Select(s => s.Name).Order());
        Assert.All(kitchen.Timeline.Snapshot(), s => Assert.True(s.ThreadId > 0));
    }
}
