using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tooling;

/// <summary>
/// Puts a notebook's prose and code together with the outputs of an executed run: the page shows the notebook as it
/// is written and the outputs it had when it ran. An executed notebook holds every code cell of the notebook in order,
/// with whatever a headless run added between them (the runner's story clock, the tests' solutions and claims): each
/// code cell takes the outputs of the next executed cell with the same code.
/// </summary>
public static partial class NotebookPairing
{
    /// <summary>
    /// The page of <paramref name="sourcePath"/> in <paramref name="edition"/>, with the outputs of
    /// <paramref name="executedPath"/>: the run of <paramref name="ranPath"/> when given (the original a translation
    /// keeps the code of, <see cref="RequireSameCode"/>; its code cells pair by position), else of the notebook itself.
    /// </summary>
    /// <exception cref="InvalidDataException">A code cell of the notebook is not in the executed run (the notebook changed since it ran).</exception>
    public static LessonPage Pair(SiteEdition edition, string sourcePath, string executedPath, string? ranPath = null)
    {
        ArgumentNullException.ThrowIfNull(edition);
        JsonArray executed = NotebookFile.Cells(NotebookFile.Load(executedPath));
        var ran = executed.Where(c => NotebookFile.IsCode(c!)).Select(c => (Code: Code(c!), Cell: c!)).ToArray();
        string[] codeThatRan = ranPath is null ? [] : [.. CodeCells(ranPath).Select(c => c.Code)];
        var cells = new List<PageCell>();
        int next = 0, codeCell = 0;
        foreach (JsonNode? cell in NotebookFile.Cells(NotebookFile.Load(sourcePath)))
        {
            if (!NotebookFile.IsCode(cell!))
            {
                if (cell!["cell_type"]?.GetValue<string>() == "markdown")
                {
                    cells.Add(new ProseCell(NotebookFile.Source(cell)));
                }

                continue;
            }

            codeCell++;
            string code = ranPath is null ? Code(cell!) : codeThatRan[codeCell - 1];
            int found = Array.FindIndex(ran, next, r => r.Code == code);
            if (found < 0)
            {
                throw new InvalidDataException(
                    $"{executedPath} does not hold code cell {codeCell} of {sourcePath} ('{FirstLine(code)}') after the cells before it: " +
                    $"the notebook changed since it ran. Run it again: dotnet run --project tools/NotebookRunner -- --only {Path.GetFileNameWithoutExtension(sourcePath)}");
            }

            cells.Add(new CodePageCell(NotebookFile.Source(cell!), [.. NotebookFile.Outputs(ran[found].Cell)]));
            next = found + 1;
        }

        return new LessonPage(edition, Path.GetFileNameWithoutExtension(sourcePath), sourcePath, executedPath, cells, ranPath);
    }

    /// <summary>
    /// Refuses a translation whose code is not its original's: a translated notebook keeps every code cell as it is (only
    /// the prose is translated), so that it can show the original's outputs.
    /// </summary>
    /// <exception cref="InvalidDataException">The two notebooks' code cells differ; the message names the first that does.</exception>
    /// <remarks>
    /// A translation may sit in a folder of its own (notebooks/ko/), so a relative path in a magic command
    /// (<c>#!import ../lib/setup.dib</c>, <c>#r "…"</c>) is compared by the file it names, not by how it is spelled.
    /// </remarks>
    public static void RequireSameCode(string translationPath, string originalPath)
    {
        string[] translated = [.. CodeCells(translationPath).Select(c => c.Resolved)], original = [.. CodeCells(originalPath).Select(c => c.Resolved)];
        for (int i = 0; i < Math.Max(translated.Length, original.Length); i++)
        {
            if (i >= translated.Length || i >= original.Length || translated[i] != original[i])
            {
                string what = i >= translated.Length ? "is missing"
                    : i >= original.Length ? "is one the original does not have"
                    : $"differs ('{FirstDifferentLine(translated[i], original[i])}')";
                throw new InvalidDataException(
                    $"{translationPath} is a translation of {originalPath}, and a translation keeps the original's code cells as they are; " +
                    $"its code cell {i + 1} {what} ({translated.Length} code cells, the original {original.Length}). Copy the original's code cells, translate only the prose.");
            }
        }
    }

    // Each code cell as written, and with the relative paths of its magic commands resolved from the notebook's folder.
    private static (string Code, string Resolved)[] CodeCells(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return [.. NotebookFile.Cells(NotebookFile.Load(path)).Where(c => NotebookFile.IsCode(c!)).Select(c => Code(c!))
            .Select(code => (code, MagicPath().Replace(code, m => m.Groups["magic"].Value + Path.GetFullPath(Path.Combine(folder, m.Groups["path"].Value)) + m.Groups["end"].Value)))];
    }

    private static string Code(JsonNode cell) => NotebookFile.Source(cell).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

    // "#!import ../lib/setup.dib" or "#r \"../lib/x.dll\"" at the start of a line (not "#r \"nuget: …\"").
    [GeneratedRegex(@"^(?<magic>#!import\s+""?|#r\s+"")(?<path>\.{1,2}/[^""\n]*)(?<end>""?)", RegexOptions.Multiline)]
    private static partial Regex MagicPath();

    private static string FirstLine(string code) => code.Split('\n', 2)[0].Trim();

    private static string FirstDifferentLine(string a, string b)
    {
        string[] left = a.Split('\n'), right = b.Split('\n');
        for (int i = 0; i < left.Length; i++)
        {
            if (i >= right.Length || left[i] != right[i])
            {
                return $"line {i + 1}: {left[i].Trim()}";
            }
        }

        return $"line {left.Length + 1}: missing";
    }
}
