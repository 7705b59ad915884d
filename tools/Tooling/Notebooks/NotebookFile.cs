using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>Reads, edits and writes Polyglot (.ipynb) notebooks as JSON, keeping everything it does not touch.</summary>
public static class NotebookFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Loads a notebook.</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook (no "cells" array).</exception>
    public static JsonObject Load(string path)
    {
        JsonNode? node = JsonNode.Parse(File.ReadAllText(path));
        if (node is not JsonObject notebook || notebook["cells"] is not JsonArray)
        {
            throw new InvalidDataException($"{path} is not a notebook: it has no \"cells\" array.");
        }

        return notebook;
    }

    /// <summary>Writes a notebook with the indentation Jupyter and VS Code use.</summary>
    public static void Save(JsonObject notebook, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, notebook.ToJsonString(Indented) + "\n");
    }

    /// <summary>The notebook's cells.</summary>
    public static JsonArray Cells(JsonObject notebook) => (JsonArray)notebook["cells"]!;

    /// <summary>A cell's source as one string.</summary>
    public static string Source(JsonNode cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return Text(cell["source"]) ?? string.Empty;
    }

    /// <summary>
    /// A multi-line text field as one string, or null when there is none. The notebook format lets every such field
    /// (a cell's source, a MIME bundle entry, a stream's text) be stored either as one string or as an array of lines,
    /// and front ends write both: this is the one place that reads either.
    /// </summary>
    public static string? Text(JsonNode? field) => field switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? string.Empty)),
        JsonValue text => text.GetValue<string>(),
        _ => null,
    };

    /// <summary>True for a code cell.</summary>
    public static bool IsCode(JsonNode cell) => cell["cell_type"]?.GetValue<string>() == "code";

    /// <summary>True for the cell tagged "parameters" (the papermill convention, also shown by VS Code).</summary>
    public static bool IsParameters(JsonNode cell) =>
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == "parameters");

    /// <summary>A new C# code cell with Polyglot metadata.</summary>
    public static JsonObject CodeCell(string source) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            ["tags"] = new JsonArray("injected-by-runner"),
        },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    /// <summary>
    /// Inserts <paramref name="source"/> as a code cell right after the cell tagged "parameters", so a run can
    /// override parameters the way papermill does. Returns false when the notebook has no parameters cell.
    /// </summary>
    public static bool InjectAfterParameters(JsonObject notebook, string source)
    {
        JsonArray cells = Cells(notebook);
        for (int i = 0; i < cells.Count; i++)
        {
            if (IsParameters(cells[i]!))
            {
                cells.Insert(i + 1, CodeCell(source));
                return true;
            }
        }

        return false;
    }

    /// <summary>All outputs of one cell.</summary>
    public static IEnumerable<JsonObject> Outputs(JsonNode cell) =>
        cell["outputs"] is JsonArray outputs ? outputs.OfType<JsonObject>() : [];

    /// <summary>The text of a MIME bundle entry, or null when the output has none of that type.</summary>
    public static string? Data(JsonObject output, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Text(output["data"]?[mimeType]);
    }

    /// <summary>The text of a stream output (stdout or stderr).</summary>
    public static string StreamText(JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Text(output["text"]) ?? string.Empty;
    }

    /// <summary>
    /// What an output shows as text: a stream's text, or else its plain-text MIME entry (empty when it has neither).
    /// </summary>
    public static string PrintedText(JsonObject output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output["output_type"]?.GetValue<string>() == "stream" ? StreamText(output) : Data(output, "text/plain") ?? string.Empty;
    }
}
