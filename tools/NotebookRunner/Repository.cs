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
        await RunDotnetAsync(root, progress, "restoring tools (dotnet-repl)", cancellationToken, "tool", "restore").ConfigureAwait(false);
        await RunDotnetAsync(root, progress, "building lib/ in Release", cancellationToken,
            "build", Path.Combine(root, "lib", "DeliveryTimelines.csproj"), "-c", "Release", "-nologo", "-v", "q").ConfigureAwait(false);
    }

    private static async Task RunDotnetAsync(string root, TextWriter progress, string what, CancellationToken cancellationToken, params string[] args)
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
