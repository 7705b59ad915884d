using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class ChromeTraceTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly string[] TimeUnits = ["ms", "ns"];
    private static readonly string[] InstantScopes = ["g", "p", "t"];
    private static readonly string[] MetadataNames = ["process_name", "process_sort_index", "thread_name", "thread_sort_index"];
    private readonly FakeTimeProvider _time = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chrome-trace-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static JsonElement[] Events(string json) => [.. JsonDocument.Parse(json).RootElement.GetProperty("traceEvents").EnumerateArray()];

    private static JsonElement[] Of(JsonElement[] events, string ph) => [.. events.Where(e => e.GetProperty("ph").GetString() == ph)];

    private static string TrackName(JsonElement[] events, int pid, int tid) =>
        Of(events, "M").Single(e => e.GetProperty("name").GetString() == "thread_name"
                                    && e.GetProperty("pid").GetInt32() == pid && e.GetProperty("tid").GetInt32() == tid)
            .GetProperty("args").GetProperty("name").GetString()!;

    /// <summary>A round of three deliveries, recorded as a courier records them, with a chosen thread for each.</summary>
    private Timeline Round(string title = "gathered", StoryClock? clock = null)
    {
        var timeline = clock is null ? new Timeline(title, _time) : new Timeline(title, clock);
        foreach (var (name, hours, thread) in new[] { ("A", 1.0, 7), ("B", 2.0, 7), ("C", 3.0, 9) })
        {
            timeline.Record(name, Phase.Delivering, TimeSpan.Zero, TimeSpan.Zero, thread);
            timeline.Record(name, Phase.Eating, TimeSpan.Zero, S(hours), thread);
            timeline.Record(name, Phase.Collecting, S(hours), S(hours), thread);
        }

        return timeline;
    }

    [Fact]
    public void The_file_is_the_json_object_form_and_every_event_has_the_fields_the_spec_requires_for_its_type()
    {
        string json = ChromeTrace.ToJson([Round("one"), Round("two")]);

        JsonElement root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Contains(root.GetProperty("displayTimeUnit").GetString(), TimeUnits);
        JsonElement[] events = Events(json);
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal(JsonValueKind.String, e.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.Number, e.GetProperty("pid").ValueKind);
            Assert.Equal(JsonValueKind.Number, e.GetProperty("tid").ValueKind);
            switch (e.GetProperty("ph").GetString())
            {
                case "X": // complete: a start and a duration, in microseconds
                    Assert.True(e.GetProperty("ts").GetDouble() >= 0);
                    Assert.True(e.GetProperty("dur").GetDouble() > 0);
                    break;
                case "i": // instant: a time and a scope, global, process or thread
                    Assert.True(e.GetProperty("ts").GetDouble() >= 0);
                    Assert.Contains(e.GetProperty("s").GetString(), InstantScopes);
                    Assert.False(e.TryGetProperty("dur", out _));
                    break;
                case "M": // metadata: a known name and its argument
                    string name = e.GetProperty("name").GetString()!;
                    Assert.Contains(name, MetadataNames);
                    JsonElement args = e.GetProperty("args");
                    Assert.Equal(name.EndsWith("_name", StringComparison.Ordinal) ? JsonValueKind.String : JsonValueKind.Number,
                        args.GetProperty(name.EndsWith("_name", StringComparison.Ordinal) ? "name" : "sort_index").ValueKind);
                    break;
                default:
                    Assert.Fail($"an event of an unexpected type: {e}");
                    break;
            }
        });
    }

    [Fact]
    public void Times_are_microseconds_from_the_timelines_start_to_the_tenth()
    {
        var timeline = new Timeline("t", _time);
        timeline.Record("A", Phase.Eating, S(1.5), S(2.25));
        timeline.Record("B", Phase.Eating, TimeSpan.FromTicks(1), TimeSpan.FromTicks(1 + 12_345_678));
        timeline.Record("A", Phase.Collecting, S(2.25), S(2.25));

        JsonElement[] events = Events(ChromeTrace.ToJson([timeline]));

        JsonElement[] complete = Of(events, "X");
        Assert.Equal((0.1, 1_234_567.8), (complete[0].GetProperty("ts").GetDouble(), complete[0].GetProperty("dur").GetDouble()));
        Assert.Equal((1_500_000.0, 750_000.0), (complete[1].GetProperty("ts").GetDouble(), complete[1].GetProperty("dur").GetDouble()));
        Assert.Equal(2_250_000.0, Assert.Single(Of(events, "i")).GetProperty("ts").GetDouble());
    }

    [Fact]
    public void By_default_each_delivery_has_its_own_track_in_order_with_its_meal_a_span_and_its_steps_instants()
    {
        JsonElement[] events = Events(ChromeTrace.ToJson([Round()]));

        Assert.Equal(["A", "B", "C"], [TrackName(events, 1, 1), TrackName(events, 1, 2), TrackName(events, 1, 3)]);
        foreach (var (tid, hours) in new[] { (1, 1.0), (2, 2.0), (3, 3.0) })
        {
            JsonElement[] mine = [.. events.Where(e => e.GetProperty("ph").GetString() != "M" && e.GetProperty("tid").GetInt32() == tid)];
            Assert.Equal(["i", "X", "i"], mine.Select(e => e.GetProperty("ph").GetString()));
            Assert.Equal([Phase.Delivering, Phase.Eating, Phase.Collecting], mine.Select(e => e.GetProperty("name").GetString()));
            Assert.Equal(hours * 1e6, mine[1].GetProperty("dur").GetDouble());
            Assert.All(mine, e => Assert.Equal("t", e.TryGetProperty("s", out JsonElement s) ? s.GetString() : "t"));
        }
    }

    [Fact]
    public void Per_thread_the_tracks_are_the_threads_and_overlapping_spans_are_spread_so_that_none_overlaps_on_a_track()
    {
        JsonElement[] events = Events(ChromeTrace.ToJson([Round()], TraceTracks.PerThread));

        // A and B both began on thread 7 and overlap (B outlasts A): two tracks for thread 7, one for thread 9.
        Assert.Equal(["thread 7", "thread 7 (2)", "thread 9"], [TrackName(events, 1, 1), TrackName(events, 1, 2), TrackName(events, 1, 3)]);
        Assert.Equal(["A: eating", "B: eating", "C: eating"], Of(events, "X").Select(e => e.GetProperty("name").GetString()));
        Assert.Equal([1, 2, 3], Of(events, "X").Select(e => e.GetProperty("tid").GetInt32()));
        foreach (var track in Of(events, "X").GroupBy(e => e.GetProperty("tid").GetInt32()))
        {
            var spans = track.Select(e => (Start: e.GetProperty("ts").GetDouble(), End: e.GetProperty("ts").GetDouble() + e.GetProperty("dur").GetDouble()))
                .OrderBy(s => s.Start).ToArray();
            Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End, $"two spans overlap on track {track.Key}"));
        }
    }

    [Fact]
    public void Back_to_back_spans_share_a_track_and_a_delivery_overlapping_itself_gets_a_second()
    {
        var timeline = new Timeline("t", _time);
        timeline.Record("dish", Phase.Cooking, S(0), S(1), 3);
        timeline.Record("dish", Phase.Cooking, S(1), S(2), 3);   // starts as the first ends: same track
        timeline.Record("dish", Phase.Cooking, S(1.5), S(3), 3); // overlaps the second: a track of its own

        JsonElement[] events = Events(ChromeTrace.ToJson([timeline]));

        Assert.Equal([1, 1, 2], Of(events, "X").Select(e => e.GetProperty("tid").GetInt32()));
        Assert.Equal(["dish", "dish (2)"], [TrackName(events, 1, 1), TrackName(events, 1, 2)]);
    }

    [Fact]
    public void Each_timeline_is_a_process_named_by_its_title_in_the_order_given()
    {
        JsonElement[] events = Events(ChromeTrace.ToJson([Round("sequential"), Round("concurrent")]));

        var processes = Of(events, "M").Where(e => e.GetProperty("name").GetString() == "process_name")
            .Select(e => (Pid: e.GetProperty("pid").GetInt32(), Title: e.GetProperty("args").GetProperty("name").GetString()));
        Assert.Equal([(1, "sequential"), (2, "concurrent")], processes);
        Assert.Equal([1, 2], Of(events, "M").Where(e => e.GetProperty("name").GetString() == "process_sort_index")
            .Select(e => e.GetProperty("args").GetProperty("sort_index").GetInt32()));
        Assert.Equal(Of(events, "X").Length / 2, Of(events, "X").Count(e => e.GetProperty("pid").GetInt32() == 2));
    }

    [Fact]
    public void A_timeline_on_a_story_clock_gives_each_event_its_story_hours_and_one_in_real_time_does_not()
    {
        JsonElement onClock = Of(Events(ChromeTrace.ToJson([Round(clock: new StoryClock(0.5, _time))])), "X")[2];
        JsonElement inRealTime = Of(Events(ChromeTrace.ToJson([Round()])), "X")[2];

        Assert.Equal((0.0, 6.0), (onClock.GetProperty("args").GetProperty("start_hours").GetDouble(), onClock.GetProperty("args").GetProperty("hours").GetDouble()));
        Assert.Equal(("C", Phase.Eating, 9), (onClock.GetProperty("args").GetProperty("name").GetString(),
            onClock.GetProperty("args").GetProperty("phase").GetString(), onClock.GetProperty("args").GetProperty("thread").GetInt32()));
        Assert.False(inRealTime.GetProperty("args").TryGetProperty("hours", out _));
    }

    [Theory]
    [InlineData("say \"cheese\"")]
    [InlineData("back\\slash")]
    [InlineData("two\nlines\ttabbed\r")]
    [InlineData("bell \u0007 and \u001f")]
    [InlineData("🍜 ramen 🍜")]
    [InlineData("שלום")]             // right to left
    [InlineData("مرحبا 123")]        // right to left with digits
    [InlineData("‮reversed‬")] // explicit direction marks
    [InlineData("</script><b>&amp;")]
    public void Names_round_trip_exactly_through_a_json_parser(string name)
    {
        var timeline = new Timeline(name, _time);
        timeline.Record(name, name, S(0), S(1));

        JsonElement[] events = Events(ChromeTrace.ToJson([timeline]));

        Assert.Equal(name, TrackName(events, 1, 1));
        Assert.Equal(name, Of(events, "X")[0].GetProperty("name").GetString());
        Assert.Equal(name, Of(events, "X")[0].GetProperty("args").GetProperty("name").GetString());
        Assert.Equal(name, Of(events, "M")[0].GetProperty("args").GetProperty("name").GetString());
    }

    [Fact]
    public void Emoji_and_right_to_left_text_are_written_as_themselves_not_as_escaped_surrogates()
    {
        var timeline = new Timeline("t", _time);
        timeline.Record("🍜 שלום", Phase.Eating, S(0), S(1));

        string json = ChromeTrace.ToJson([timeline]);

        Assert.Contains("\"🍜 שלום\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_which_no_utf8_file_can_hold_becomes_the_replacement_character()
    {
        Assert.Equal("\"a\uFFFDb\uFFFD\"", ChromeTrace.JsonString("a\uD83Cb\uDF5C"));
        Assert.Equal("\"\\\"\\\\\\n\\u0001🍜\"", ChromeTrace.JsonString("\"\\\n\u0001🍜"));
    }

    [Fact]
    public void A_saved_file_round_trips_through_system_text_json_into_typed_events()
    {
        string path = ChromeTrace.Save([Round("first"), Round("second")], Path.Combine(_folder, "sub", "round.trace.json"));

        Assert.True(Path.IsPathFullyQualified(path));
        TraceFile file = JsonSerializer.Deserialize<TraceFile>(File.ReadAllText(path))!;
        Assert.Equal("ms", file.DisplayTimeUnit);
        Assert.Equal(2 * (2 + 2 * 3 + 9), file.TraceEvents.Length); // per timeline: 2 process, 2 × 3 track metadata, 9 events
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<TraceFile>(ChromeTrace.ToJson([Round("first"), Round("second")]))),
            JsonSerializer.Serialize(file));
        string again = JsonSerializer.Serialize(file);
        Assert.Equal(again, JsonSerializer.Serialize(JsonSerializer.Deserialize<TraceFile>(again)));
    }

    [Fact]
    public void Write_leaves_the_stream_open_and_an_empty_timeline_is_a_named_process_with_no_tracks()
    {
        using var stream = new MemoryStream();

        ChromeTrace.Write([new Timeline("nothing yet", _time)], stream);

        Assert.True(stream.CanWrite);
        JsonElement[] events = Events(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(["process_name", "process_sort_index"], events.Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_couriers_real_round_exports_a_track_per_customer()
    {
        var clock = new StoryClock(1, _time);
        var courier = new Courier(clock, log: TextWriter.Null);
        Task<double[]> all = Task.WhenAll(courier.DeliverAsync("A", 1), courier.DeliverAsync("B", 2));
        _time.Advance(S(1));
        await Task.Delay(50); // let A's finish be recorded before the clock moves on
        _time.Advance(S(1));
        await all.WaitAsync(Bound);

        JsonElement[] events = Events(ChromeTrace.ToJson([courier.Timeline]));

        Assert.Equal(["A", "B"], [TrackName(events, 1, 1), TrackName(events, 1, 2)]);
        Assert.Equal([1e6, 2e6], Of(events, "X").Select(e => e.GetProperty("dur").GetDouble()));
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        Assert.Equal("timelines", Assert.Throws<ArgumentNullException>(() => ChromeTrace.ToJson(null!)).ParamName);
        Assert.Equal("timelines", Assert.Throws<ArgumentNullException>(() => ChromeTrace.ToJson([Round(), null!])).ParamName);
        Assert.Equal("tracks", Assert.Throws<ArgumentOutOfRangeException>(() => ChromeTrace.ToJson([Round()], (TraceTracks)7)).ParamName);
        Assert.Equal("path", Assert.ThrowsAny<ArgumentException>(() => ChromeTrace.Save([Round()], " ")).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => ChromeTrace.Write([Round()], null!)).ParamName);
    }

    private sealed record TraceFile(
        [property: JsonPropertyName("displayTimeUnit")] string DisplayTimeUnit,
        [property: JsonPropertyName("traceEvents")] TraceEvent[] TraceEvents);

    private sealed record TraceEvent(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("ph")] string Ph,
        [property: JsonPropertyName("ts")] double Ts,
        [property: JsonPropertyName("dur")] double? Dur,
        [property: JsonPropertyName("s")] string? S,
        [property: JsonPropertyName("pid")] int Pid,
        [property: JsonPropertyName("tid")] int Tid,
        [property: JsonPropertyName("cat")] string? Cat,
        [property: JsonPropertyName("args")] Dictionary<string, JsonElement> Args);
}
