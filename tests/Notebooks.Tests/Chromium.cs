using NotebookRunner;
using Screenshots;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// One headless Chromium (no network) for a test class, started on first use. While a test uses it, it holds the
/// repository's timing lock: rendering is busy work that would skew another test process's measured timings.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly Lazy<Task<ChartBrowser>> _browser = new(ChartBrowser.LaunchAsync);

    /// <summary>
    /// Why browser tests are skipped here, or null when they run: they run wherever Chromium is installed, and
    /// always in CI (CI=true), where a missing browser fails them instead.
    /// </summary>
    public static string? SkipReason =>
        ChartBrowser.IsInstalled || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"No Chromium at {ChartBrowser.ChromiumPath}: install Debian's chromium package (apt-get install -y chromium; .ci/run does) " +
              "to run the browser tests. In CI (CI=true) they fail instead of skipping.";

    /// <summary>Opens <paramref name="htmlPath"/> with the timing lock held until the returned page is disposed.</summary>
    public async Task<LockedPage> OpenAsync(string htmlPath)
    {
        var quiet = await RepositoryLock.AcquireAsync(NotebookRuns.Root, RepositoryLock.Timing);
        try
        {
            ChartBrowser browser = await _browser.Value;
            return new LockedPage(await browser.OpenAsync(htmlPath), quiet);
        }
        catch
        {
            await quiet.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser.IsValueCreated && _browser.Value.IsCompletedSuccessfully)
        {
            await _browser.Value.Result.DisposeAsync();
        }
    }
}

/// <summary>A page open in <see cref="Chromium"/>; disposing it closes the page and frees the timing lock.</summary>
public sealed class LockedPage(ChartPage page, RepositoryLock quiet) : IAsyncDisposable
{
    public ChartPage Page { get; } = page;

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        await quiet.DisposeAsync();
    }
}

/// <summary>A fact that needs Chromium: skipped with a reason where it is missing, except in CI, where it fails.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>A theory that needs Chromium: skipped with a reason where it is missing, except in CI, where it fails.</summary>
internal sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = Chromium.SkipReason;
}
