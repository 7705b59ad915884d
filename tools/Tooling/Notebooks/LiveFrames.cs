using System.Text.Json.Nodes;
using DeliveryTimelines;

namespace Tooling;

/// <summary>
/// Makes an executed notebook hold what a live front end ends with: of each live display (a chart redrawn in place
/// while its work ran), only the last frame.
/// </summary>
/// <remarks>
/// VS Code replaces a display's output in place on each update, and Jupyter (nbclient, behind nbconvert) applies each
/// <c>update_display_data</c> to the output with that display id, so both end with the final frame. dotnet-repl 0.3.259
/// appends every DisplayedValueUpdated as a new output and keeps no display id, so a chart redrawn twelve times
/// leaves thirteen charts. Frames carry their display's id (<see cref="LiveDisplayFrame"/>), which is what this reads.
/// </remarks>
public static class LiveFrames
{
    /// <summary>Removes every frame of a live display but its last from each cell; returns how many it removed.</summary>
    public static int KeepLast(JsonObject notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        int removed = 0;
        foreach (JsonNode? cell in NotebookFile.Cells(notebook))
        {
            if (cell?["outputs"] is not JsonArray outputs)
            {
                continue;
            }

            string?[] ids = [.. outputs.Select(o => o is JsonObject output ? LiveDisplayFrame.DisplayIdOf(NotebookFile.Data(output, "text/html")) : null)];
            for (int i = outputs.Count - 1; i >= 0; i--)
            {
                if (ids[i] is { } id && Array.LastIndexOf(ids, id) != i)
                {
                    outputs.RemoveAt(i);
                    removed++;
                }
            }
        }

        return removed;
    }
}
