namespace Tooling;

/// <summary>What a site is built from: the notebooks (their prose and code), their executed runs (the outputs), the README.</summary>
/// <param name="RepositoryRoot">The repository: README.md (the index's pictures and how to run the course) and docs/images/.</param>
/// <param name="ExecutedDirectory">
/// The executed notebooks, <c>{name}.ipynb</c> (what the run command writes to artifacts/notebooks); a translation's own
/// run, if it had one, in the subfolder of its language (<c>ko/{name}.ipynb</c>).
/// </param>
public sealed record SiteSources(string RepositoryRoot, string ExecutedDirectory)
{
    private readonly string? _notebooks;
    private readonly string? _korean;

    /// <summary>The notebooks of the English edition (default: the repository's notebooks/).</summary>
    public string NotebooksDirectory
    {
        get => _notebooks ?? Path.Combine(RepositoryRoot, "notebooks");
        init => _notebooks = value;
    }

    /// <summary>The Korean edition's notebooks, each the translation of the English notebook of the same name (default: <see cref="NotebooksDirectory"/>/ko).</summary>
    public string KoreanDirectory
    {
        get => _korean ?? Path.Combine(NotebooksDirectory, "ko");
        init => _korean = value;
    }

    /// <summary>The README the index takes its pictures and its "how to run it" from.</summary>
    public string Readme => Path.Combine(RepositoryRoot, "README.md");
}
