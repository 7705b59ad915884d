namespace NotebookRunner;

/// <summary>Finds the repository's folders from wherever the runner or a test runs.</summary>
public static class Repository
{
    /// <summary>The folder holding global.json and the solution, found by walking up from <paramref name="start"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder above <paramref name="start"/>.</exception>
    public static string Root(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConcurrencyCourse.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ConcurrencyCourse.slnx above {start ?? AppContext.BaseDirectory}: run from inside the repository.");
    }

    /// <summary>Every lesson notebook, in series order.</summary>
    public static IReadOnlyList<string> Notebooks(string root) =>
        Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb")
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Restores the local tools (dotnet-repl) and builds lib/ in Release, so no notebook builds it mid-run.</summary>
    /// <exception cref="InvalidOperationException">A step failed; the message carries its output.</exception>
    public static async Task PrepareAsync(string root, TextWriter progress, CancellationToken cancellationToken = default)
    {
        await using var buildLock = await RepositoryLock.AcquireAsync(root, RepositoryLock.Build, cancellationToken).ConfigureAwait(false);
        await RunDotnetAsync(root, progress, "restoring tools (dotnet-repl)", cancellationToken, "tool", "restore").ConfigureAwait(false);
        await RunDotnetAsync(root, progress, "building lib/ in Release", cancellationToken,
            "build", Path.Combine(root, "lib", "DeliveryTimelines.Notebooks", "DeliveryTimelines.Notebooks.csproj"), "-c", "Release", "-nologo", "-v", "q").ConfigureAwait(false);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="root"/>; throws with its output if it fails.</summary>
    public static async Task RunDotnetAsync(string root, TextWriter progress, string what, CancellationToken cancellationToken, params string[] args)
    {
        await progress.WriteLineAsync($"- {what}").ConfigureAwait(false);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (dotnet {string.Join(' ', args)} exited with {process.ExitCode}):\n{await output.ConfigureAwait(false)}\n{await errors.ConfigureAwait(false)}");
        }
    }
}

/// <summary>
/// A named lock across processes, held as an exclusive file handle (so a crashed holder frees it). The test projects
/// run in parallel: <see cref="Build"/> keeps two builds of lib/ from racing on its obj/ folder, and
/// <see cref="Timing"/> keeps runs that measure time (notebooks, samples) from sharing the machine's two cores.
/// </summary>
public sealed class RepositoryLock : IAsyncDisposable
{
    /// <summary>Held around builds and restores of lib/.</summary>
    public const string Build = "build";

    /// <summary>Held around runs whose output includes measured timings.</summary>
    public const string Timing = "timing";

    private readonly FileStream _file;

    private RepositoryLock(FileStream file) => _file = file;

    /// <summary>Waits (polling, up to 20 minutes) until no other process holds the lock <paramref name="name"/>, then takes it.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for 20 minutes.</exception>
    public static async Task<RepositoryLock> AcquireAsync(string root, string name, CancellationToken cancellationToken = default)
    {
        string path = Path.Combine(root, "artifacts", $".{name}.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            try
            {
                return new RepositoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another process held {path} for 20 minutes.", e);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
