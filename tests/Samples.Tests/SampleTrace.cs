using System.Text.Json;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// The Chrome trace a sample wrote beside its charts, read back: its events, and its processes (one per timeline) by
/// name. Reading it first checks that the sample printed where the trace is, as it does for its charts.
/// </summary>
internal sealed record SampleTrace(JsonElement[] Events, string[] Processes)
{
    public static async Task<SampleTrace> ReadAsync(SampleOutput run, string charts, string file)
    {
        string path = Path.Combine(charts, file);
        Assert.Contains(run.Lines, l => l.EndsWith(path, StringComparison.Ordinal));
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        JsonElement[] events = [.. json.RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone())];
        string[] processes = [.. events
            .Where(e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "process_name")
            .Select(e => e.GetProperty("args").GetProperty("name").GetString()!)];
        return new SampleTrace(events, processes);
    }

    /// <summary>The complete events (spans with a length), each a bar in Perfetto.</summary>
    public JsonElement[] Spans => [.. Events.Where(e => e.GetProperty("ph").GetString() == "X")];
}
