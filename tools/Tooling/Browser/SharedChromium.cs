namespace Tooling;

/// <summary>
/// One <see cref="ChartBrowser"/> shared by a group of tests (an xunit fixture), started on first use. While a page
/// is open it holds the repository's timing lock: rendering is busy work that would skew the timings another test
/// process is measuring at the same moment.
/// </summary>
public sealed class SharedChromium : IAsyncDisposable
{
    private readonly Lazy<Task<ChartBrowser>> _browser = new(ChartBrowser.LaunchAsync);
    private readonly string _root = Repository.Root();

    /// <summary>
    /// Why browser tests are skipped on this machine, or null when they run: they run wherever Chromium is
    /// installed, and always in CI (CI=true), where a missing browser fails them instead of skipping them.
    /// </summary>
    public static string? SkipReason =>
        ChartBrowser.IsInstalled || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"No Chromium at {ChartBrowser.ChromiumPath}: install Debian's chromium package (apt-get install -y chromium; .ci/run does) " +
              "to run the browser tests. In CI (CI=true) they fail instead of skipping.";

    /// <summary>
    /// Opens <paramref name="htmlPath"/> in a window <paramref name="width"/> × <paramref name="height"/> CSS pixels, with
    /// the timing lock held until the returned page is disposed.
    /// </summary>
    public async Task<LockedPage> OpenAsync(string htmlPath, int width = 1000, int height = 500)
    {
        var quiet = await RepositoryLock.AcquireAsync(_root, RepositoryLock.Timing).ConfigureAwait(false);
        try
        {
            ChartBrowser browser = await _browser.Value.ConfigureAwait(false);
            return new LockedPage(await browser.OpenAsync(htmlPath, width, height).ConfigureAwait(false), quiet);
        }
        catch
        {
            await quiet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser.IsValueCreated && _browser.Value.IsCompletedSuccessfully)
        {
            await _browser.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>A page open in <see cref="SharedChromium"/>; disposing it closes the page and frees the timing lock.</summary>
public sealed class LockedPage(ChartPage page, RepositoryLock quiet) : IAsyncDisposable
{
    /// <summary>The open page.</summary>
    public ChartPage Page { get; } = page;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync().ConfigureAwait(false);
        await quiet.DisposeAsync().ConfigureAwait(false);
    }
}
