using System.Text.Json;

namespace DeliveryTimelines;

/// <summary>One line a Python original printed, as its JSON report records it.</summary>
/// <param name="Section">The part of the script it belongs to (such as <c>"wait_for"</c>), or null in a script without parts.</param>
/// <param name="Hours">Story hours since that part began.</param>
/// <param name="Who">A customer (<c>"A"</c>), <c>"caller"</c>, <c>"loop"</c>…; null for narration.</param>
/// <param name="What">What happened: <c>"delivering"</c>, <c>"finished"</c>, <c>"collecting"</c>, <c>"failed"</c>,
/// <c>"cancelled"</c> for a delivery, or a word the script documents (<c>"caught"</c>); null for narration.</param>
/// <param name="Text">The line as printed, without its time stamp.</param>
public sealed record PythonEvent(string? Section, double Hours, string? Who, string? What, string Text)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"[t={Hours,5:F2} h] {Text}");
}

/// <summary>
/// What a Python original reported: its events in story hours, its results, or why it could not run here.
/// <see cref="PythonScript.RunAsync(string, object[])"/> returns one.
/// </summary>
/// <remarks>
/// Check <see cref="Ran"/> (or <see cref="Skipped"/>) before reading results: when Python is missing, or too old for the
/// script, nothing ran, and the reason is one sentence to show the learner.
/// </remarks>
public sealed class PythonRun
{
    /// <summary>The one layout of the scripts' JSON line this type reads (<c>"schema"</c> in the line).</summary>
    public const int Schema = 1;

    private static readonly JsonElement NoResults = JsonDocument.Parse("{}").RootElement.Clone();

    private PythonRun(string script, string? pythonVersion, double secondsPerHour, IReadOnlyList<double> mealtimes,
        IReadOnlyList<PythonEvent> events, JsonElement results, string? skipped, string output)
    {
        Script = script;
        PythonVersion = pythonVersion;
        SecondsPerHour = secondsPerHour;
        Mealtimes = mealtimes;
        Events = events;
        Results = results;
        Skipped = skipped;
        Output = output;
    }

    /// <summary>The script's file name, such as <c>gather_fails.py</c>.</summary>
    public string Script { get; }

    /// <summary>The Python that ran it (<c>3.11.7</c>), or null when none could.</summary>
    public string? PythonVersion { get; }

    /// <summary>The clock scale it ran at: real seconds per story hour (NaN when nothing ran).</summary>
    public double SecondsPerHour { get; }

    /// <summary>The story hours of A, B, C… as the script read them from <c>--mealtimes</c>.</summary>
    public IReadOnlyList<double> Mealtimes { get; }

    /// <summary>Every stamped line it printed, in order.</summary>
    public IReadOnlyList<PythonEvent> Events { get; }

    /// <summary>What the script found: a JSON object whose names its docstring lists (empty when nothing ran).</summary>
    public JsonElement Results { get; }

    /// <summary>Why the script could not run here, in one sentence, or null when it ran.</summary>
    public string? Skipped { get; }

    /// <summary>True when the script ran (<see cref="Skipped"/> is null).</summary>
    public bool Ran => Skipped is null;

    /// <summary>What it printed for people, without the JSON line.</summary>
    public string Output { get; }

    /// <summary>
    /// Reads a script's output: its lines for people, then its one JSON line (the layout in <c>samples/python/deliveries.py</c>).
    /// </summary>
    /// <param name="standardOutput">Everything the script printed to standard output.</param>
    /// <param name="standardError">What it printed to standard error, quoted if the output cannot be read.</param>
    /// <param name="commandLine">What ran, to name it in an error.</param>
    /// <exception cref="PythonScriptException">The output ends without a JSON line of this layout.</exception>
    public static PythonRun Parse(string standardOutput, string standardError, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(standardOutput);
        string[] lines = standardOutput.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        string json = lines[^1];
        if (!json.StartsWith('{'))
        {
            throw new PythonScriptException($"{commandLine} printed no JSON line at the end.\n--- output\n{standardOutput}\n--- errors\n{standardError}");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            int schema = root.GetProperty("schema").GetInt32();
            if (schema != Schema)
            {
                throw new PythonScriptException($"{commandLine} reported in layout {schema}; this library reads layout {Schema}.");
            }

            PythonEvent[] events = [.. root.GetProperty("events").EnumerateArray().Select(e => new PythonEvent(
                e.GetProperty("section").GetString(), e.GetProperty("t").GetDouble(), e.GetProperty("who").GetString(),
                e.GetProperty("what").GetString(), e.GetProperty("text").GetString() ?? string.Empty))];
            return new PythonRun(root.GetProperty("script").GetString()!, root.GetProperty("python").GetString(),
                root.GetProperty("scale").GetDouble(), [.. root.GetProperty("mealtimes").EnumerateArray().Select(m => m.GetDouble())],
                events, root.GetProperty("results").Clone(),
                root.GetProperty("skipped").GetString(), string.Join('\n', lines[..^1]));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PythonScriptException($"{commandLine} printed a JSON line this library cannot read ({e.Message}): {json}", e);
        }
    }

    /// <summary>The story hour of the first event of <paramref name="who"/> doing <paramref name="what"/>.</summary>
    /// <param name="who">Such as <c>"B"</c> or <c>"caller"</c>.</param>
    /// <param name="what">Such as <c>"failed"</c> or <c>"caught"</c>.</param>
    /// <param name="section">The part of the script to look in; null looks in every part.</param>
    /// <exception cref="InvalidOperationException">The script did not run, or reported no such event (the message lists the ones it did).</exception>
    public double When(string who, string what, string? section = null)
    {
        PythonEvent? found = Events.FirstOrDefault(e => e.Who == who && e.What == what && (section is null || e.Section == section));
        return found?.Hours ?? throw new InvalidOperationException(Ran
            ? $"{Script} reported no event '{who} {what}'{(section is null ? "" : $" in section '{section}'")}; it reported: {string.Join(", ", Events.Where(e => e.Who is not null).Select(e => $"{e.Section}{(e.Section is null ? "" : ": ")}{e.Who} {e.What}").Distinct())}."
            : $"{Script} did not run: {Skipped}");
    }

    /// <summary>One of the results, by its name (and the names inside it): <c>Result("wait", "pending")</c>.</summary>
    /// <exception cref="InvalidOperationException">The script did not run, or reported no such result (the message lists the ones it did).</exception>
    public JsonElement Result(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonElement current = Results;
        for (int i = 0; i < path.Length; i++)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(path[i], out JsonElement next))
            {
                string[] names = current.ValueKind == JsonValueKind.Object ? [.. current.EnumerateObject().Select(p => p.Name)] : [];
                throw new InvalidOperationException(Ran
                    ? $"{Script} reported no result '{string.Join('.', path[..(i + 1)])}'; {(names.Length == 0 ? "there is nothing there" : $"there are: {string.Join(", ", names)}")}."
                    : $"{Script} did not run: {Skipped}");
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// The run as a <see cref="Timeline"/>, to chart beside a C# one (<c>TimelineChart.Compare(csharp, python.ToTimeline())</c>):
    /// a bar per meal, from <c>delivering</c> to <c>finished</c>, <c>failed</c> or <c>cancelled</c>, and a mark for every
    /// other event of someone (narration is left out), timed in real seconds at the scale the script ran at. The timeline
    /// is on a story clock of that scale, so a chart of it beside C# timelines on a clock of the same scale reads in story
    /// hours, as the lessons speak; a run that did not run, or at a scale no story clock takes, is on none.
    /// </summary>
    /// <param name="section">The part of the script to draw; null for a script without parts.</param>
    /// <exception cref="ArgumentException"><paramref name="section"/> is null but the script has parts (the message names them).</exception>
    public Timeline ToTimeline(string? section = null)
    {
        PythonEvent[] events = [.. Events.Where(e => e.Section == section)];
        string[] sections = [.. Events.Select(e => e.Section).OfType<string>().Distinct()];
        if (section is null && events.Length == 0 && sections.Length > 0)
        {
            throw new ArgumentException($"{Script} has parts; name one: {string.Join(", ", sections)}.", nameof(section));
        }

        string title = $"Python {PythonVersion}: {Script}{(section is null ? "" : $" ({section})")}{(Ran ? "" : " — not run")}";
        bool storyScale = Ran && SecondsPerHour is >= StoryClock.MinSecondsPerHour and <= StoryClock.MaxSecondsPerHour;
        var timeline = storyScale ? new Timeline(title, new StoryClock(SecondsPerHour)) : new Timeline(title);
        var eating = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (PythonEvent e in events.Where(e => e.Who is not null && e.What is not null))
        {
            TimeSpan at = TimeSpan.FromSeconds(e.Hours * SecondsPerHour);
            if (e.What is "finished" or Phase.Failed or Phase.Cancelled && eating.Remove(e.Who!, out TimeSpan began))
            {
                timeline.Record(e.Who!, Phase.Eating, began, at, threadId: 0);
            }

            if (e.What == Phase.Delivering)
            {
                eating[e.Who!] = at;
            }

            if (e.What != "finished")
            {
                timeline.Record(e.Who!, e.What!, at, at, threadId: 0);
            }
        }

        return timeline;
    }

    /// <summary>The lines it printed, or why it did not run.</summary>
    public override string ToString() => Ran ? Output : $"{Script} was not run: {Skipped}";

    internal static PythonRun NotRun(string script, string reason) =>
        new(script, null, double.NaN, [], [], NoResults, reason, string.Empty);
}
