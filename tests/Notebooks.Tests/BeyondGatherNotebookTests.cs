using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>06 — what the async-toolbox lesson claims, measured in the run whose outputs the learner reads.</summary>
[NotebookClaims(Notebook,
    "new { oneByOneHours = clock.ToHours(oneByOne.Elapsed), throttledHttpHours = clock.ToHours(throttledHttp.Elapsed), " +
    "gatheredHttpHours = clock.ToHours(gatheredHttp.Elapsed), answerHours, requests, riders, mostAtOnceOneByOne, mostAtOnceThrottled, " +
    "mostAtOnceGathered, sameResults = gatheredResults.SequenceEqual(oneByOneResults) && throttledResults.SequenceEqual(oneByOneResults), " +
    "serverHost = server.Address.Host, served = server.Served, kitchenHours = clock.ToHours(kitchenLine.Elapsed), pipelineIdeal, " +
    "kitchenMost = kitchenLine.MostAtOnce(Phase.Eating), delivered = kitchenLine.Snapshot().Count(s => s.Phase == Phase.Collecting), lunchRush, " +
    "shelfFullHours, updates, updatesBeforeCancel, streamCancelledAtHours, shiftLog, poolHours = clock.ToHours(onPool.Elapsed), " +
    "dedicatedHours = clock.ToHours(dedicated.Elapsed), dedicatedThreads, longest = deliveries.Max(d => d.Mealtime), sum = deliveries.Sum(d => d.Mealtime) }")]
public sealed class BeyondGatherNotebookTests
{
    private const string Notebook = "06-beyond-gather";

    [Fact]
    public async Task Gathered_HTTP_requests_are_faster_than_one_by_one_and_throttling_caps_the_server_s_load()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int requests = claims.GetProperty("requests").GetInt32(), riders = claims.GetProperty("riders").GetInt32();
        double oneByOne = claims.GetProperty("oneByOneHours").GetDouble();
        double gathered = claims.GetProperty("gatheredHttpHours").GetDouble() / oneByOne;
        double throttled = claims.GetProperty("throttledHttpHours").GetDouble() / oneByOne;
        Assert.True(gathered <= 0.4, $"gathered/one by one = {gathered:F3}; expected about 1/{requests} and at most 0.4");
        Assert.True(throttled <= 0.7, $"throttled/one by one = {throttled:F3}; expected about 1/{riders} and at most 0.7");
        Assert.Equal(1, claims.GetProperty("mostAtOnceOneByOne").GetInt32());
        Assert.Equal(riders, claims.GetProperty("mostAtOnceThrottled").GetInt32());
        Assert.Equal(requests, claims.GetProperty("mostAtOnceGathered").GetInt32());
        Assert.True(claims.GetProperty("sameResults").GetBoolean());
    }

    [Fact]
    public async Task The_menu_server_listens_on_loopback_only_and_served_every_request()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal("127.0.0.1", claims.GetProperty("serverHost").GetString());
        int requests = claims.GetProperty("requests").GetInt32();
        Assert.Equal(1 + 4 * requests, claims.GetProperty("served").GetInt32()); // a warm-up, three runs and the exercise
    }

    [Fact]
    public async Task A_bounded_channel_feeds_every_dish_to_at_most_K_riders_with_back_pressure()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(claims.GetProperty("lunchRush").GetInt32(), claims.GetProperty("delivered").GetInt32());
        Assert.Equal(claims.GetProperty("riders").GetInt32(), claims.GetProperty("kitchenMost").GetInt32());
        Assert.InRange(claims.GetProperty("kitchenHours").GetDouble() / claims.GetProperty("pipelineIdeal").GetDouble(), 0.95, 1.3);
        Assert.True(claims.GetProperty("shelfFullHours").GetDouble() > 0, "the kitchen never waited for room on the shelf");
    }

    [Fact]
    public async Task An_async_stream_delivers_updates_in_order_and_stops_when_cancelled()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(
            ["C: on the way", "C: delivered", "C: eating, hour 1 of 3", "C: eating, hour 2 of 3", "C: eating, hour 3 of 3", "C: dishes collected"],
            claims.GetProperty("updates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, claims.GetProperty("updatesBeforeCancel").GetInt32());
        Assert.InRange(claims.GetProperty("streamCancelledAtHours").GetDouble() / 1.5, 0.95, 1.25);
    }

    [Fact]
    public async Task Await_using_cleans_up_before_the_exception_reaches_the_catch()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(
            ["Kim's shift starts", "Kim's shift is over, bike returned", "caught after the shift ended: A dropped the plate after 0.5 h"],
            claims.GetProperty("shiftLog").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Blocking_calls_overlap_on_dedicated_threads_and_at_least_partly_on_the_pool()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double longest = claims.GetProperty("longest").GetDouble(), sum = claims.GetProperty("sum").GetDouble();
        Assert.Equal(3, claims.GetProperty("dedicatedThreads").GetInt32());
        Assert.InRange(claims.GetProperty("dedicatedHours").GetDouble() / longest, 0.95, 1.25);
        double pool = claims.GetProperty("poolHours").GetDouble();
        Assert.True(pool <= 0.8 * sum, $"Task.Run took {pool:F2} h of a {sum} h sum; at least two cores' worth should overlap");
    }
}
