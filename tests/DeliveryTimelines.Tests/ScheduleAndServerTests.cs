using System.Net;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>The ideal schedules the lessons print beside their measurements, overlap counting, and the menu server.</summary>
public sealed class ScheduleAndServerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 3, 3.0)]          // everyone at once: the longest meal
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 1, 6.0)]          // one rider: the sum
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2, 4.0)]          // A and B; C starts when A ends at 1
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0, 1.0 }, 2, 3.0)] // equal meals: ceil(5 / 2) rounds
    [InlineData(new double[0], 2, 0.0)]
    public void Throttled_is_the_end_of_the_last_meal_with_K_riders(double[] mealtimes, int riders, double expected) =>
        Assert.Equal(expected, IdealSchedule.Throttled(mealtimes, riders));

    [Fact]
    public void A_pipeline_adds_the_cooking_in_front_of_each_meal()
    {
        // Dishes ready at 0.5, 1, 1.5; two riders: A 0.5–1.5, B 1–3, C waits for A's rider: 1.5–4.5.
        Assert.Equal(4.5, IdealSchedule.Pipeline([1, 2, 3], cookHours: 0.5, riders: 2));
    }

    [Fact]
    public void Bad_schedule_input_names_the_argument()
    {
        Assert.Equal("riders", Assert.Throws<ArgumentOutOfRangeException>(() => IdealSchedule.Throttled([1], 0)).ParamName);
        Assert.Equal("mealtimes", Assert.Throws<ArgumentOutOfRangeException>(() => IdealSchedule.Throttled([1, double.NaN], 1)).ParamName);
        Assert.Equal("cookHours", Assert.Throws<ArgumentOutOfRangeException>(() => IdealSchedule.Pipeline([1], -1, 1)).ParamName);
        Assert.Equal("mealtimes", Assert.Throws<ArgumentNullException>(() => IdealSchedule.Throttled(null!, 1)).ParamName);
    }

    [Fact]
    public void MostAtOnce_counts_overlapping_spans_of_one_phase_and_not_back_to_back_ones()
    {
        var timeline = new Timeline("overlap");
        TimeSpan H(double hours) => TimeSpan.FromHours(hours);
        timeline.Record("A", Phase.Eating, H(0), H(1));
        timeline.Record("B", Phase.Eating, H(0), H(2));
        timeline.Record("C", Phase.Eating, H(1), H(4)); // starts as A ends: 2 at once, not 3
        timeline.Record("D", Phase.Eating, H(2), H(3));
        timeline.Record("D", Phase.Cooking, H(0), H(5)); // another phase does not count
        timeline.Record("E", Phase.Eating, H(0.5), H(0.5)); // an instant is not in progress

        Assert.Equal(2, timeline.MostAtOnce(Phase.Eating));
        Assert.Equal(1, timeline.MostAtOnce(Phase.Cooking));
        Assert.Equal(0, timeline.MostAtOnce("nothing"));
        Assert.Throws<ArgumentException>(() => timeline.MostAtOnce(""));
    }

    [Fact]
    public async Task The_menu_server_answers_on_loopback_concurrently_and_404s_the_unknown()
    {
        var clock = new StoryClock(0.1); // answers take 0.1 s
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        MenuServer server;
        await using (server = MenuServer.Start(new Dictionary<string, double> { ["A"] = 1, ["B C"] = 2.5 }, clock, answerHours: 1))
        {
            Assert.Equal("127.0.0.1", server.Address.Host);
            string[] answers = await Task.WhenAll(
                http.GetStringAsync(new Uri(server.Address, "mealtime/A")),
                http.GetStringAsync(new Uri(server.Address, "mealtime/B%20C")),
                http.GetStringAsync(new Uri(server.Address, "mealtime/A"))).WaitAsync(Bound);
            using var missing = await http.GetAsync(new Uri(server.Address, "mealtime/Z")).WaitAsync(Bound);

            Assert.Equal(["1", "2.5", "1"], answers);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(4, server.Served);
            Assert.Equal(3, server.MostAtOnce); // the three gathered requests were answered at the same time
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri(server.Address, "mealtime/A")).WaitAsync(Bound));
    }

    [Fact]
    public void The_menu_server_refuses_bad_arguments()
    {
        var clock = new StoryClock(1);
        var menu = new Dictionary<string, double>();
        Assert.Equal("menu", Assert.Throws<ArgumentNullException>(() => MenuServer.Start(null!, clock, 1)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => MenuServer.Start(menu, null!, 1)).ParamName);
        Assert.Equal("answerHours", Assert.Throws<ArgumentOutOfRangeException>(() => MenuServer.Start(menu, clock, -1)).ParamName);
    }

    [Fact]
    public async Task The_menu_server_can_be_disposed_twice_even_while_the_first_disposal_waits()
    {
        var server = MenuServer.Start(new Dictionary<string, double> { ["A"] = 1 }, new StoryClock(0.1), answerHours: 1);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        Task<string> answer = http.GetStringAsync(new Uri(server.Address, "mealtime/A")); // in flight during disposal
        while (server.MostAtOnce == 0 && !answer.IsCompleted)
        {
            await Task.Delay(5);
        }

        ValueTask first = server.DisposeAsync(), second = server.DisposeAsync();
        await first.AsTask().WaitAsync(Bound);
        await second.AsTask().WaitAsync(Bound);
        await server.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.Equal("1", await answer.WaitAsync(Bound)); // the answer in flight was finished first
    }
}
