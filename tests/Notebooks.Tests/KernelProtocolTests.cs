using System.Text.Json.Nodes;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>The stdio protocol's envelopes, and the outputs a front end keeps from a cell's events, without a kernel.</summary>
public sealed class KernelProtocolTests
{
    private const string Token = "cell1-0a1b2c3d";

    private static KernelEvent Event(string type, JsonObject payload, string token = Token) =>
        new(TimeSpan.Zero, type, token, new JsonObject
        {
            ["event"] = payload,
            ["eventType"] = type,
            ["command"] = new JsonObject { ["token"] = token, ["commandType"] = "SubmitCode" },
        });

    private static JsonObject Value(string mimeType, string value, string? valueId = null) => new()
    {
        ["formattedValues"] = new JsonArray(new JsonObject { ["mimeType"] = mimeType, ["value"] = value, ["suppressDisplay"] = false }),
        ["valueId"] = valueId,
    };

    [Fact]
    public void A_submission_is_one_line_of_json_and_events_of_child_commands_belong_to_their_submission()
    {
        string line = KernelEnvelope.SubmitCode(Token, "Console.WriteLine(\"a\nb\");", "csharp");

        Assert.DoesNotContain('\n', line);
        JsonObject parsed = KernelEnvelope.TryParse(line)!;
        Assert.Equal("SubmitCode", parsed["commandType"]!.GetValue<string>());
        Assert.Equal("Console.WriteLine(\"a\nb\");", parsed["command"]!["code"]!.GetValue<string>());
        Assert.Equal(Token, KernelEnvelope.RootToken(Token + ".2"));
        Assert.Equal(Token, KernelEnvelope.RootToken(Token));
        Assert.Null(KernelEnvelope.TryParse("Welcome to .NET Interactive!"));
        Assert.Null(KernelEnvelope.TryParse("{not json"));
    }

    [Fact]
    public void A_cell_whose_imported_cells_failed_to_compile_has_not_passed_though_it_succeeded()
    {
        var run = new CellRun(Token, CellOutcome.Succeeded, TimeSpan.Zero,
        [
            Event(KernelEnvelope.ErrorProduced, new JsonObject { ["message"] = "(3,1): error CS0006: Metadata file 'x.dll' could not be found" }, Token + ".2"),
            Event(KernelEnvelope.CommandSucceeded, []),
        ]);

        Assert.False(run.Passed);
        Assert.Contains("CS0006", run.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_are_kept_as_VS_Code_keeps_them_an_update_replacing_the_display_it_names()
    {
        var run = new CellRun(Token, CellOutcome.Failed, TimeSpan.Zero,
        [
            Event(KernelEnvelope.StandardOutputValueProduced, Value("text/plain", "Delivered to A!\n")),
            Event(KernelEnvelope.StandardOutputValueProduced, Value("text/plain", "Delivered to B!\n")),
            Event(KernelEnvelope.DisplayedValueProduced, Value("text/html", "frame 1", "live")),
            Event(KernelEnvelope.StandardErrorValueProduced, Value("text/plain", "careful\n")),
            Event(KernelEnvelope.DisplayedValueUpdated, Value("text/html", "frame 2", "live")),
            Event(KernelEnvelope.DisplayedValueUpdated, Value("text/html", "lost update", "no-such-display")),
            Event(KernelEnvelope.DisplayedValueUpdated, Value("text/html", "frame 3", "live")),
            Event(KernelEnvelope.CommandFailed, new JsonObject { ["message"] = "System.Exception: boom" }),
        ]);

        JsonArray outputs = StdioNotebookExecution.Outputs(run);

        string[] shown = [.. outputs.OfType<JsonObject>().Select(o => o["output_type"]!.GetValue<string>() switch
        {
            "stream" => $"{o["name"]}: {NotebookFile.StreamText(o)}",
            "error" => $"error: {o["evalue"]}",
            _ => $"{o["output_type"]}: {NotebookFile.Data(o, "text/html")}",
        })];
        Assert.Equal(
        [
            "stdout: Delivered to A!\nDelivered to B!\n",
            "display_data: frame 3",
            "stderr: careful\n",
            "display_data: lost update",
            "error: System.Exception: boom",
        ], shown);
    }

    [Fact]
    public void An_executed_notebook_keeps_the_last_frame_of_each_live_display_only()
    {
        static JsonObject Html(string html) => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html } };
        var outputs = new JsonArray(
            Html(LiveDisplayFrame.Wrap("aa", "frame 1")),
            new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "Delivered to A!\n" },
            Html(LiveDisplayFrame.Wrap("aa", "frame 2")),
            Html(LiveDisplayFrame.Wrap("bb", "other 1")),
            Html("<p>a chart that is not live</p>"),
            Html(LiveDisplayFrame.Wrap("aa", "frame 3")));
        var notebook = new JsonObject { ["cells"] = new JsonArray(new JsonObject { ["cell_type"] = "code", ["outputs"] = outputs }) };

        Assert.Equal(2, LiveFrames.KeepLast(notebook));
        Assert.Equal(0, LiveFrames.KeepLast(notebook));

        string[] left = [.. outputs.OfType<JsonObject>().Select(o => NotebookFile.Data(o, "text/html") ?? "stream")];
        Assert.Equal(["stream", LiveDisplayFrame.Wrap("bb", "other 1"), "<p>a chart that is not live</p>", LiveDisplayFrame.Wrap("aa", "frame 3")], left);
    }
}
