namespace Tooling;

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
