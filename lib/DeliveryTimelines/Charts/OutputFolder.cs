namespace DeliveryTimelines;

/// <summary>
/// The folder a program saves its charts and reports to, checked before any work starts: a run that takes minutes
/// should not end in a stack trace because <c>--out</c> named a file, or a folder nothing may be written to.
/// </summary>
/// <remarks>
/// Used by the samples' and the tools' command lines, which print the message after the option's name in one line.
/// Mode bits alone are not the test (root ignores them): the check writes a file and deletes it, so a read-only
/// mount, /sys or /proc, or a folder without write permission are all found the way the real save would find them.
/// </remarks>
public static class OutputFolder
{
    /// <summary>
    /// Throws unless files can be written in <paramref name="directory"/>: it is not a file, no folder above it is a
    /// file, and a file can be made in it (or, while it does not exist yet, in the nearest folder above it that does,
    /// where it will be made). Creates nothing that stays.
    /// </summary>
    /// <param name="directory">The folder, relative to the current directory or full.</param>
    /// <exception cref="IOException">Files cannot be written there; the message, one line, says why and names the folder.</exception>
    public static void Check(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new IOException($"'{full}' is a file; give a folder (it is made if it does not exist).");
        }

        string existing = full;
        while (!Directory.Exists(existing))
        {
            string above = Path.GetDirectoryName(existing) ?? throw new IOException($"'{full}' has no folder above it that exists.");
            if (File.Exists(above))
            {
                throw new IOException($"'{full}' cannot be made: '{above}' is a file, not a folder.");
            }

            existing = above;
        }

        try
        {
            using var probe = new FileStream(Path.Combine(existing, $".write-test-{Environment.ProcessId}-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "it takes no new files", // /proc, for one
                _ => e.Message.TrimEnd('.'),                                                     // "Read-only file system", …
            };
            throw new IOException(existing == full
                ? $"'{full}' is not a folder files can be written to ({why}); give another folder."
                : $"'{full}' cannot be made: nothing can be written in '{existing}' ({why}); give another folder.", e);
        }
    }
}
