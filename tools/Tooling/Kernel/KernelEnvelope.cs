using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>
/// The JSON messages of the .NET Interactive stdio protocol, which VS Code's Polyglot Notebooks speaks: one envelope
/// per line, commands in, events out.
/// </summary>
/// <remarks>
/// The shapes follow <c>KernelCommandEnvelope</c> and <c>KernelEventEnvelope</c> in dotnet/interactive
/// (src/Microsoft.DotNet.Interactive/Connection), camel-cased: a command is
/// <c>{"token", "commandType", "command": {...}}</c>; an event is <c>{"event": {...}, "eventType", "command": the
/// envelope of the command it belongs to}</c>. A command the kernel starts on behalf of a submission (each cell of an
/// <c>#!import</c>ed file, for one) carries the submission's token plus ".n", so the text before the first dot names
/// the submission an event belongs to.
/// </remarks>
public static class KernelEnvelope
{
    /// <summary>The first event after start: the kernel is listening.</summary>
    public const string KernelReady = "KernelReady";

    /// <summary>Ends a command successfully.</summary>
    public const string CommandSucceeded = "CommandSucceeded";

    /// <summary>Ends a command with an error; its <c>message</c> says why (for an exception, its whole ToString()).</summary>
    public const string CommandFailed = "CommandFailed";

    /// <summary>Console.Out text written while a command ran (one event per write).</summary>
    public const string StandardOutputValueProduced = "StandardOutputValueProduced";

    /// <summary>Console.Error text written while a command ran.</summary>
    public const string StandardErrorValueProduced = "StandardErrorValueProduced";

    /// <summary>A value displayed by a cell; its <c>valueId</c> is what later updates of it name.</summary>
    public const string DisplayedValueProduced = "DisplayedValueProduced";

    /// <summary>A new rendering of a displayed value, naming it by its <c>valueId</c>: front ends replace it in place.</summary>
    public const string DisplayedValueUpdated = "DisplayedValueUpdated";

    /// <summary>The value of a cell's last expression.</summary>
    public const string ReturnValueProduced = "ReturnValueProduced";

    /// <summary>An error that did not end the submission, such as a compile error in a cell run by <c>#!import</c>.</summary>
    public const string ErrorProduced = "ErrorProduced";

    /// <summary>A SubmitCode command for <paramref name="kernelName"/>, as one line of JSON.</summary>
    public static string SubmitCode(string token, string code, string kernelName) =>
        new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
        }.ToJsonString();

    /// <summary>A command without arguments (Quit, Cancel), as one line of JSON.</summary>
    public static string Command(string token, string commandType) =>
        new JsonObject { ["token"] = token, ["commandType"] = commandType, ["command"] = new JsonObject() }.ToJsonString();

    /// <summary>
    /// A CommandFailed event for a command the kernel sent to its front end (in <c>[vscode]</c> mode it may ask for
    /// input, for one): a headless client has nobody to ask, and answering at once fails the cell instead of hanging it.
    /// </summary>
    public static string Refuse(JsonObject commandEnvelope, string message) =>
        new JsonObject
        {
            ["event"] = new JsonObject { ["message"] = message },
            ["eventType"] = CommandFailed,
            ["command"] = commandEnvelope.DeepClone(),
            ["routingSlip"] = new JsonArray(),
        }.ToJsonString();

    /// <summary>One line of the kernel's output as an envelope, or null when it is not one (a banner line, a blank line).</summary>
    public static JsonObject? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0 || line[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The token of the submission that <paramref name="token"/> is, or descends from: the text before its first dot.</summary>
    public static string RootToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? token : token[..dot];
    }
}
