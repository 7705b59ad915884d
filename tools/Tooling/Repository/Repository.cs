using DeliveryTimelines;

namespace Tooling;

/// <summary>Finds the repository's folders from wherever a tool, a test or the benchmark runs, and readies it for notebooks.</summary>
public static class Repository
{
    /// <summary>The file that marks the repository's root folder.</summary>
    public const string SolutionFile = "ConcurrencyCourse.slnx";

    /// <summary>
    /// The library the notebooks load, relative to the repository root: the setup cell references its Release build,
    /// so it is built in Release before any notebook runs (a notebook would otherwise build it mid-run, on its clock).
    /// </summary>
    public const string NotebookLibraryProject = "lib/DeliveryTimelines.Notebooks/DeliveryTimelines.Notebooks.csproj";

    /// <summary>The folder holding <see cref="SolutionFile"/>, found by walking up from <paramref name="start"/>.</summary>
    /// <param name="start">Where to start looking; the running program's own folder when null.</param>
    /// <exception cref="DirectoryNotFoundException">No such folder above <paramref name="start"/>.</exception>
    public static string Root(string? start = null) =>
        FindRoot(start ?? AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException($"No {SolutionFile} above {start ?? AppContext.BaseDirectory}: run from inside the repository.");

    /// <summary>The folder holding <see cref="SolutionFile"/> at or above <paramref name="start"/>, or null when there is none.</summary>
    public static string? FindRoot(string start) => FindFolderAbove(start, SolutionFile);

    /// <summary>
    /// The nearest folder at or above <paramref name="start"/> that holds the file <paramref name="marker"/> (a path
    /// relative to that folder), or null when none does.
    /// </summary>
    public static string? FindFolderAbove(string start, string marker)
    {
        ArgumentException.ThrowIfNullOrEmpty(start);
        ArgumentException.ThrowIfNullOrEmpty(marker);
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Every lesson notebook of <paramref name="edition"/> (<see cref="Editions"/>; English by default), in series order.</summary>
    /// <exception cref="ArgumentException"><paramref name="edition"/> is not one of <see cref="Editions.All"/>.</exception>
    public static IReadOnlyList<string> Notebooks(string root, string edition = Editions.English) =>
        Directory.GetFiles(Editions.NotebookFolder(root, edition), "*.ipynb")
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Restores the local tools (dotnet-repl) and builds <see cref="NotebookLibraryProject"/> in Release, so no notebook
    /// builds it mid-run. Holds the repository's build lock meanwhile.
    /// </summary>
    /// <exception cref="ChildProcessException">A step failed; the message names it and carries its output.</exception>
    public static async Task PrepareAsync(string root, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await using var buildLock = await RepositoryLock.AcquireAsync(root, RepositoryLock.Build, cancellationToken).ConfigureAwait(false);
        var inRoot = new ChildProcessOptions { WorkingDirectory = root };
        await progress.WriteLineAsync("- restoring tools (dotnet-repl)").ConfigureAwait(false);
        await ChildProcess.RunAsync("dotnet", ["tool", "restore"], inRoot, cancellationToken).ConfigureAwait(false);
        await progress.WriteLineAsync($"- building {Path.GetDirectoryName(NotebookLibraryProject)}/ in Release").ConfigureAwait(false);
        await ChildProcess.RunAsync("dotnet", ["build", Path.Combine(root, NotebookLibraryProject), "-c", "Release", "-nologo", "-v", "q"],
            inRoot, cancellationToken).ConfigureAwait(false);
    }
}
