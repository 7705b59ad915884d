using System.Text.RegularExpressions;

namespace DeliveryTimelines;

/// <summary>
/// How a frame of a live display (a chart redrawn in place while its work runs) is marked in HTML, so that whoever
/// reads an executed notebook can tell the frames of one display apart from other outputs.
/// </summary>
/// <remarks>
/// A front end that honours display updates (VS Code, Jupyter) keeps only the last frame; dotnet-repl writes every
/// frame as its own output. Each frame is wrapped in <c>&lt;div data-live-display="ID"&gt;</c> with its display's id,
/// so a reader of such a notebook can keep the last frame of each display and count its chart once.
/// </remarks>
public static partial class LiveDisplayFrame
{
    /// <summary>The attribute that carries the display id on every frame.</summary>
    public const string Attribute = "data-live-display";

    /// <summary>
    /// <paramref name="html"/> as a frame of the live display <paramref name="displayId"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="displayId"/> is not letters, digits and dashes.</exception>
    public static string Wrap(string displayId, string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (string.IsNullOrEmpty(displayId) || !IdPattern().IsMatch(displayId))
        {
            throw new ArgumentException($"A display id is letters, digits and dashes; got '{displayId}'.", nameof(displayId));
        }

        return $"<div {Attribute}=\"{displayId}\">\n{html}</div>\n";
    }

    /// <summary>The display id of a frame made by <see cref="Wrap"/>, or null when <paramref name="html"/> is not one.</summary>
    public static string? DisplayIdOf(string? html) =>
        html is not null && FramePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("""^\s*<div data-live-display="([A-Za-z0-9-]+)">""")]
    private static partial Regex FramePattern();
}
