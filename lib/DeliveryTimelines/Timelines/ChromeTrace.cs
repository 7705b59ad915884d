using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeliveryTimelines;

/// <summary>
/// Writes timelines as a trace in the Chrome trace-event JSON format, which Perfetto (ui.perfetto.dev) and
/// <c>chrome://tracing</c> open: to zoom into a run, measure between events and read each span's details, beyond what
/// the course's charts show.
/// </summary>
/// <remarks>
/// <para>
/// The file is the format's JSON object form: <c>{"displayTimeUnit": "ms", "traceEvents": [...]}</c>. Each timeline
/// becomes one process (pid 1, 2, … in the order given, named by its <see cref="Timeline.Title"/>), and its spans lie
/// on tracks (threads, tid 1, 2, …) one per delivery or one per thread (<see cref="TraceTracks"/>), named and ordered by
/// metadata events (<c>"ph": "M"</c>: <c>process_name</c>, <c>process_sort_index</c>, <c>thread_name</c>,
/// <c>thread_sort_index</c>). A span with a duration is a complete event (<c>"ph": "X"</c> with <c>ts</c> and
/// <c>dur</c>); a span of zero length (a <see cref="Timeline.Mark"/>) is an instant event (<c>"ph": "i"</c>, scoped to its
/// track: <c>"s": "t"</c>). Every event has <c>pid</c> and <c>tid</c>.
/// </para>
/// <para>
/// Times are microseconds from the timeline's start (the format's unit), to the tenth of a microsecond a
/// <see cref="TimeSpan"/> holds, so a run of several timelines lines them all up at 0 as the comparison charts do. When
/// the timeline is on a story clock (<see cref="Timeline.Clock"/>), each event's <c>args</c> also give its start and
/// length in story hours.
/// </para>
/// <para>
/// The format requires the complete events of one track to nest; spans that overlap without nesting (three meals that
/// began on one thread, in <see cref="TraceTracks.PerThread"/>) are spread over as many tracks as needed, named "thread
/// 12", "thread 12 (2)", …, so no viewer has to guess. Names are written in UTF-8 with only the escapes JSON requires
/// (quotes, backslashes, control characters), so emoji and right-to-left text stay as they are; a lone surrogate, which
/// no UTF-8 file can hold, becomes U+FFFD.
/// </para>
/// <para>Cost: one snapshot of each timeline (a copy and a sort) and one pass over its spans; the file is written as it goes.</para>
/// </remarks>
/// <example><code>ChromeTrace.Save([sequential, concurrent], Path.Combine(outputDirectory, "04-gather.trace.json"));</code></example>
public static class ChromeTrace
{
    /// <summary>Writes <paramref name="timelines"/> as a trace file at <paramref name="path"/> (its folder is created) and returns the file's full path.</summary>
    /// <param name="timelines">The timelines to write, one process each, in this order.</param>
    /// <param name="path">Where to write; by convention ending in <c>.trace.json</c>.</param>
    /// <param name="tracks">One track per delivery (the default) or per thread.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timelines"/> is or holds null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tracks"/> is not a <see cref="TraceTracks"/> value.</exception>
    public static string Save(IEnumerable<Timeline> timelines, string path, TraceTracks tracks = TraceTracks.PerDelivery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Timeline[] all = Checked(timelines, tracks);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using (FileStream file = File.Create(full))
        {
            WriteCore(all, file, tracks);
        }

        return full;
    }

    /// <summary>The trace of <paramref name="timelines"/> as a JSON string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timelines"/> is or holds null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tracks"/> is not a <see cref="TraceTracks"/> value.</exception>
    public static string ToJson(IEnumerable<Timeline> timelines, TraceTracks tracks = TraceTracks.PerDelivery)
    {
        Timeline[] all = Checked(timelines, tracks);
        using var buffer = new MemoryStream();
        WriteCore(all, buffer, tracks);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the trace of <paramref name="timelines"/> to <paramref name="destination"/> as UTF-8 JSON; the stream stays open.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timelines"/> or <paramref name="destination"/> is null, or a timeline is.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tracks"/> is not a <see cref="TraceTracks"/> value.</exception>
    public static void Write(IEnumerable<Timeline> timelines, Stream destination, TraceTracks tracks = TraceTracks.PerDelivery)
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteCore(Checked(timelines, tracks), destination, tracks);
    }

    private static Timeline[] Checked(IEnumerable<Timeline> timelines, TraceTracks tracks)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        if (!Enum.IsDefined(tracks))
        {
            throw new ArgumentOutOfRangeException(nameof(tracks), tracks, $"tracks must be {TraceTracks.PerDelivery} or {TraceTracks.PerThread}.");
        }

        Timeline[] all = [.. timelines];
        if (Array.IndexOf(all, null) is int missing and >= 0)
        {
            throw new ArgumentNullException(nameof(timelines), $"timelines[{missing}] is null.");
        }

        return all;
    }

    private static void WriteCore(Timeline[] timelines, Stream destination, TraceTracks tracks)
    {
        using var json = new Utf8JsonWriter(destination);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartArray("traceEvents");
        for (int i = 0; i < timelines.Length; i++)
        {
            WriteProcess(json, timelines[i], pid: i + 1, tracks);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProcess(Utf8JsonWriter json, Timeline timeline, int pid, TraceTracks tracks)
    {
        TimelineSpan[] spans = timeline.Snapshot();
        WriteMetadata(json, "process_name", pid, tid: 0, "name", timeline.Title);
        WriteMetadata(json, "process_sort_index", pid, tid: 0, "sort_index", pid);

        TrackLayout layout = TrackLayout.Of(spans, tracks);
        for (int t = 0; t < layout.Names.Count; t++)
        {
            WriteMetadata(json, "thread_name", pid, tid: t + 1, "name", layout.Names[t]);
            WriteMetadata(json, "thread_sort_index", pid, tid: t + 1, "sort_index", t + 1);
        }

        for (int s = 0; s < spans.Length; s++)
        {
            TimelineSpan span = spans[s];
            bool instant = span.Duration == TimeSpan.Zero;
            json.WriteStartObject();
            WriteText(json, "name", tracks == TraceTracks.PerDelivery ? span.Phase : $"{span.Name}: {span.Phase}");
            WriteText(json, "cat", span.Phase);
            json.WriteString("ph", instant ? "i" : "X");
            json.WriteNumber("ts", span.Start.TotalMicroseconds);
            if (instant)
            {
                json.WriteString("s", "t");
            }
            else
            {
                json.WriteNumber("dur", span.Duration.TotalMicroseconds);
            }

            json.WriteNumber("pid", pid);
            json.WriteNumber("tid", layout.TrackOf[s] + 1);
            json.WriteStartObject("args");
            WriteText(json, "name", span.Name);
            WriteText(json, "phase", span.Phase);
            json.WriteNumber("thread", span.ThreadId);
            if (timeline.Clock is { } clock)
            {
                json.WriteNumber("start_hours", clock.ToHours(span.Start));
                json.WriteNumber("hours", clock.ToHours(span.Duration));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private static void WriteMetadata(Utf8JsonWriter json, string name, int pid, int tid, string argument, object value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("ts", 0);
        json.WriteNumber("pid", pid);
        json.WriteNumber("tid", tid);
        json.WriteStartObject("args");
        if (value is int number)
        {
            json.WriteNumber(argument, number);
        }
        else
        {
            WriteText(json, argument, (string)value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    // A name or phase as a JSON string with only the escapes JSON requires (quote, backslash, control characters),
    // every other character written as itself in UTF-8. The writer's own escaping would turn each emoji into an escaped
    // surrogate pair (\uD83C\uDF5C), which Perfetto's JSON importer has been reported to refuse as an invalid escape.
    private static void WriteText(Utf8JsonWriter json, string property, string text)
    {
        json.WritePropertyName(property);
        json.WriteRawValue(JsonString(text), skipInputValidation: true);
    }

    /// <summary>
    /// <paramref name="text"/> as a JSON string literal: quotes, backslashes and control characters escaped, any other
    /// character kept as it is, and a lone surrogate (which no UTF-8 file can hold) replaced by U+FFFD.
    /// </summary>
    internal static string JsonString(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                literal.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                literal.Append('\uFFFD');
            }
            else
            {
                _ = c switch
                {
                    '"' => literal.Append("\\\""),
                    '\\' => literal.Append("\\\\"),
                    '\n' => literal.Append("\\n"),
                    '\r' => literal.Append("\\r"),
                    '\t' => literal.Append("\\t"),
                    < ' ' => literal.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                    _ => literal.Append(c),
                };
            }
        }

        return literal.Append('"').ToString();
    }

    /// <summary>Which track each span lies on, and the tracks' names, in order.</summary>
    private sealed record TrackLayout(int[] TrackOf, IReadOnlyList<string> Names)
    {
        public static TrackLayout Of(TimelineSpan[] spans, TraceTracks tracks)
        {
            // The groups, in the order their rows appear: deliveries by first span (spans are ordered by start), threads by id.
            var groups = new List<(object Key, string Name, List<TimeSpan> LaneEnds)>();
            var groupOf = new Dictionary<object, int>();
            IEnumerable<TimelineSpan> inGroupOrder = tracks == TraceTracks.PerDelivery ? spans : spans.OrderBy(s => s.ThreadId);
            foreach (TimelineSpan span in inGroupOrder)
            {
                object key = tracks == TraceTracks.PerDelivery ? span.Name : span.ThreadId;
                if (!groupOf.ContainsKey(key))
                {
                    groupOf.Add(key, groups.Count);
                    string name = tracks == TraceTracks.PerDelivery ? span.Name : string.Create(CultureInfo.InvariantCulture, $"thread {span.ThreadId}");
                    groups.Add((key, name, [TimeSpan.Zero]));
                }
            }

            // Within a group, each span with a duration goes on the first lane free by its start; instants on the first.
            var placed = new (int Group, int Lane)[spans.Length];
            for (int s = 0; s < spans.Length; s++)
            {
                TimelineSpan span = spans[s];
                int g = groupOf[tracks == TraceTracks.PerDelivery ? span.Name : span.ThreadId];
                List<TimeSpan> laneEnds = groups[g].LaneEnds;
                int lane = 0;
                if (span.Duration > TimeSpan.Zero)
                {
                    lane = laneEnds.FindIndex(end => end <= span.Start);
                    if (lane < 0)
                    {
                        lane = laneEnds.Count;
                        laneEnds.Add(TimeSpan.Zero);
                    }

                    laneEnds[lane] = span.End;
                }

                placed[s] = (g, lane);
            }

            // Tracks: each group's lanes in turn.
            var firstTrack = new int[groups.Count];
            var names = new List<string>();
            for (int g = 0; g < groups.Count; g++)
            {
                firstTrack[g] = names.Count;
                for (int lane = 0; lane < groups[g].LaneEnds.Count; lane++)
                {
                    names.Add(lane == 0 ? groups[g].Name : string.Create(CultureInfo.InvariantCulture, $"{groups[g].Name} ({lane + 1})"));
                }
            }

            return new TrackLayout([.. placed.Select(p => firstTrack[p.Group] + p.Lane)], names);
        }
    }
}
