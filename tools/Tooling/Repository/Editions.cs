namespace Tooling;

/// <summary>
/// The series' editions: the English notebooks in notebooks/, and each translation in a folder of its own below it
/// (notebooks/ko/), with the same file names, the same cells and identical code. Only a notebook's first cell differs:
/// its import of lib/setup.dib climbs one folder more.
/// </summary>
public static class Editions
{
    /// <summary>The English edition, the one the series is written in: notebooks/.</summary>
    public const string English = "en";

    /// <summary>The Korean edition: notebooks/ko/.</summary>
    public const string Korean = "ko";

    /// <summary>Every edition, English first.</summary>
    public static IReadOnlyList<string> All { get; } = [English, Korean];

    /// <summary>The folder holding the notebooks of <paramref name="edition"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="edition"/> is not one of <see cref="All"/>.</exception>
    public static string NotebookFolder(string root, string edition) =>
        Check(edition) == English ? Path.Combine(root, "notebooks") : Path.Combine(root, "notebooks", edition);

    /// <summary>The one-line first code cell of every notebook of <paramref name="edition"/>: lib/setup.dib, from its folder.</summary>
    /// <exception cref="ArgumentException"><paramref name="edition"/> is not one of <see cref="All"/>.</exception>
    public static string SetupImport(string edition) =>
        Check(edition) == English ? "#!import ../lib/setup.dib" : "#!import ../../lib/setup.dib";

    /// <summary>Returns <paramref name="edition"/> when it is one of <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">It is not; the message names it and the editions there are.</exception>
    public static string Check(string edition) =>
        All.Contains(edition, StringComparer.Ordinal)
            ? edition
            : throw new ArgumentException($"No edition '{edition}': the editions are {string.Join(", ", All)}.", nameof(edition));
}
