using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>One event the kernel sent, with when it arrived.</summary>
/// <param name="At">When its line was read, from the client's start.</param>
/// <param name="EventType">The envelope's <c>eventType</c>, such as <see cref="KernelEnvelope.DisplayedValueUpdated"/>.</param>
/// <param name="CommandToken">The token of the command it belongs to: the submission's, or a child's ("cell3.1").</param>
/// <param name="Envelope">The whole envelope as sent.</param>
public sealed record KernelEvent(TimeSpan At, string EventType, string? CommandToken, JsonObject Envelope)
{
    /// <summary>The event's own fields (<c>envelope.event</c>).</summary>
    public JsonObject Payload => Envelope["event"] as JsonObject ?? [];

    /// <summary>The display id of a displayed value or of an update to one; null for other events.</summary>
    public string? ValueId => Payload["valueId"]?.GetValue<string>();

    /// <summary>The message of a CommandFailed or ErrorProduced event.</summary>
    public string? Message => Payload["message"]?.GetValue<string>();

    /// <summary>The event's formatted values, by MIME type (text/plain, text/html, …).</summary>
    public IReadOnlyDictionary<string, string> FormattedValues =>
        (Payload["formattedValues"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["mimeType"] is not null && v["value"] is not null)
            .GroupBy(v => v["mimeType"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()["value"]!.GetValue<string>(), StringComparer.Ordinal);
}

/// <summary>How a submitted cell ended.</summary>
public enum CellOutcome
{
    /// <summary>CommandSucceeded came for the submission.</summary>
    Succeeded,

    /// <summary>CommandFailed came for the submission.</summary>
    Failed,

    /// <summary>Neither came within the time limit; the client cancelled the cell.</summary>
    TimedOut,

    /// <summary>The kernel process ended first.</summary>
    KernelExited,
}

/// <summary>What happened when one cell was submitted.</summary>
/// <param name="Token">The submission's token.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Elapsed">From sending the command to the event that ended it (or to the time limit).</param>
/// <param name="Events">Every event of the submission and of the commands it started, in arrival order.</param>
public sealed record CellRun(string Token, CellOutcome Outcome, TimeSpan Elapsed, IReadOnlyList<KernelEvent> Events)
{
    /// <summary>
    /// True when the submission succeeded and no error was produced on its behalf. A cell whose <c>#!import</c>ed cells
    /// fail to compile still ends with CommandSucceeded, the errors coming as ErrorProduced events of child commands,
    /// which VS Code shows as an error and counts as a failed cell: so must a test.
    /// </summary>
    public bool Passed => Outcome == CellOutcome.Succeeded && Errors.Count == 0;

    /// <summary>The messages of the ErrorProduced events of the submission and of its child commands.</summary>
    public IReadOnlyList<string> Errors =>
        [.. Events.Where(e => e.EventType == KernelEnvelope.ErrorProduced).Select(e => e.Message ?? "(no message)")];

    /// <summary>Why the cell failed, when it did: the CommandFailed message, the errors, or what stopped it.</summary>
    public string? Failure => Outcome switch
    {
        CellOutcome.Failed => Events.LastOrDefault(e => e.EventType == KernelEnvelope.CommandFailed && e.CommandToken == Token)?.Message ?? "CommandFailed",
        CellOutcome.TimedOut => $"no CommandSucceeded or CommandFailed within {Elapsed.TotalSeconds:F0} s: the cell was cancelled",
        CellOutcome.KernelExited => "the kernel exited while the cell ran",
        _ => Errors.Count > 0 ? string.Join("\n", Errors) : null,
    };

    /// <summary>Everything the cell wrote to Console.Out.</summary>
    public string StandardOutput => Text(KernelEnvelope.StandardOutputValueProduced);

    /// <summary>Everything the cell wrote to Console.Error.</summary>
    public string StandardError => Text(KernelEnvelope.StandardErrorValueProduced);

    /// <summary>The events of <paramref name="eventType"/>, in arrival order.</summary>
    public IEnumerable<KernelEvent> OfType(string eventType) => Events.Where(e => e.EventType == eventType);

    private string Text(string eventType) =>
        string.Concat(OfType(eventType).Select(e => e.FormattedValues.GetValueOrDefault("text/plain")));
}
