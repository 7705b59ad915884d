using System.Text.Json.Nodes;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>The notebook format stores every multi-line text as one string or as an array of lines; both read the same.</summary>
public sealed class NotebookFileTests
{
    private static readonly JsonObject AsLines = Cell(new JsonArray("Console.WriteLine(1);\n", "Console.WriteLine(2);"),
        new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new JsonArray("1\n", "2\n") },
        new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = new JsonArray("<b>", "3</b>"), ["text/plain"] = new JsonArray("3") } });

    private static readonly JsonObject AsStrings = Cell("Console.WriteLine(1);\nConsole.WriteLine(2);",
        new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "1\n2\n" },
        new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = "<b>3</b>", ["text/plain"] = "3" } });

    [Fact]
    public void A_source_an_output_s_text_and_its_data_read_the_same_whether_stored_as_lines_or_as_one_string()
    {
        foreach (JsonObject cell in new[] { AsLines, AsStrings })
        {
            JsonObject[] outputs = NotebookFile.Outputs(cell).ToArray();

            Assert.Equal("Console.WriteLine(1);\nConsole.WriteLine(2);", NotebookFile.Source(cell));
            Assert.Equal("1\n2\n", NotebookFile.StreamText(outputs[0]));
            Assert.Equal("<b>3</b>", NotebookFile.Data(outputs[1], "text/html"));
            Assert.Equal(["1\n2\n", "3"], outputs.Select(NotebookFile.PrintedText));
        }
    }

    [Fact]
    public void A_missing_field_reads_as_nothing()
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject() };

        Assert.Null(NotebookFile.Data(output, "text/html"));
        Assert.Equal(string.Empty, NotebookFile.PrintedText(output));
        Assert.Equal(string.Empty, NotebookFile.Source(new JsonObject { ["cell_type"] = "code" }));
        Assert.Null(NotebookFile.Text(null));
    }

    private static JsonObject Cell(JsonNode source, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code",
        ["source"] = source,
        ["outputs"] = new JsonArray(outputs),
    };
}
