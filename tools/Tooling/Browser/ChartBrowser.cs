using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Tooling;

/// <summary>
/// Headless Chromium with no network, for opening chart HTML the way a reader's browser would: Debian's
/// <c>/usr/bin/chromium</c> driven by Playwright (Playwright's own browser downloads do not work here and are never
/// used). Every request that is not a local file or inline data is aborted and reported, so a chart that would
/// need the network to draw fails instead of drawing from a cache; and every dialog a script opens (an
/// <c>alert</c> smuggled in through a name) is dismissed and reported.
/// </summary>
public sealed class ChartBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package puts the browser; override with the CHROMIUM_PATH environment variable.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChartBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>The Chromium this harness launches.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultChromiumPath;

    /// <summary>True when <see cref="ChromiumPath"/> exists.</summary>
    public static bool IsInstalled => File.Exists(ChromiumPath);

    /// <summary>Starts headless Chromium.</summary>
    /// <exception cref="FileNotFoundException">Chromium is not installed at <see cref="ChromiumPath"/>.</exception>
    public static async Task<ChartBrowser> LaunchAsync()
    {
        if (!IsInstalled)
        {
            throw new FileNotFoundException(
                $"No Chromium at {ChromiumPath}: install Debian's package (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.",
                ChromiumPath);
        }

        IPlaywright playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
            }).ConfigureAwait(false);
            return new ChartBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="htmlPath"/> in a fresh page of <paramref name="width"/> × <paramref name="height"/> CSS
    /// pixels, waits until every chart on it has drawn (or failed), and returns the page.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="htmlPath"/> is not an existing file.</exception>
    public async Task<ChartPage> OpenAsync(string htmlPath, int width = 1000, int height = 500)
    {
        if (!File.Exists(htmlPath))
        {
            throw new ArgumentException($"No HTML file at '{htmlPath}'.", nameof(htmlPath));
        }

        IBrowserContext context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            Offline = true,
        }).ConfigureAwait(false);
        var problems = new ConcurrentQueue<string>();
        var requests = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (IsLocal(route.Request.Url))
            {
                await route.ContinueAsync().ConfigureAwait(false);
            }
            else
            {
                problems.Enqueue($"network request blocked: {route.Request.Method} {route.Request.Url}");
                await route.AbortAsync().ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        IPage page = await context.NewPageAsync().ConfigureAwait(false);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
        page.Dialog += (_, dialog) =>
        {
            problems.Enqueue($"dialog opened: {dialog.Type} '{dialog.Message}'");
            _ = dialog.DismissAsync(); // fire and forget: a handler that awaited here would hold up the page
        };
        page.WebSocket += (_, socket) => problems.Enqueue($"websocket opened: {socket.Url}");
        page.Request += (_, request) =>
        {
            requests.Enqueue(request.Url);
            if (!IsLocal(request.Url))
            {
                problems.Enqueue($"network request: {request.Method} {request.Url}");
            }
        };

        var chartPage = new ChartPage(context, page, problems, requests);
        try
        {
            await page.GotoAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
            await chartPage.WaitForChartsAsync().ConfigureAwait(false);
            return chartPage;
        }
        catch
        {
            await chartPage.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }

    private static bool IsLocal(string url) =>
        url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("about:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("blob:", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A chart page open in <see cref="ChartBrowser"/>: what went wrong on it, what each chart drew, a picture.</summary>
public sealed partial class ChartPage : IAsyncDisposable
{
    /// <summary>How long charts may take to draw before the page counts as broken.</summary>
    public static readonly TimeSpan DrawTimeout = TimeSpan.FromSeconds(30);

    // Per chart div (ChartHtml.Fragment's class): whether plotly.js finished drawing, what the figure says it drew
    // (layout.meta.timelines, from TimelineChart), and what the SVG holds. Bars count when their path has a shape
    // (plotly.js gives a bar it could not place the path "M0,0Z"); markers, lines and axis titles count when drawn.
    private const string InspectScript = """
        () => [...document.querySelectorAll('.delivery-timelines-chart')].map(el => {
          const traces = [...el.querySelectorAll('g.trace')].map(g => {
            const cd = g.__data__, t = cd && cd[0] && cd[0].trace;
            const bars = g.classList.contains('bars');
            const shaped = p => { const d = p.getAttribute('d'); return !!d && d !== 'M0,0Z'; };
            const line = g.querySelector('path.js-line');
            return {
              type: t ? t.type : '', name: t && t.name ? String(t.name) : '', xaxis: t && t.xaxis ? t.xaxis : 'x',
              points: t && t.x ? t.x.length : 0,
              drawnPoints: [...g.querySelectorAll(bars ? 'g.point > path' : 'path.point')].filter(shaped).length,
              drawnLine: !!line && shaped(line),
            };
          });
          const meta = el.layout && el.layout.meta && el.layout.meta.timelines;
          return {
            drawn: el.getAttribute('data-drawn') || '',
            claims: JSON.stringify(meta || null),
            traces,
            axisTitles: [...el.querySelectorAll('text[class$="title"]')]
              .filter(t => /^[xy][0-9]*title$/.test(t.getAttribute('class')))
              .map(t => ({ axis: t.getAttribute('class').replace('title', ''), text: t.textContent })),
            annotations: [...el.querySelectorAll('g.annotation')].map(a => {
              const r = a.querySelector('text').getBoundingClientRect();
              return { text: a.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
            }),
            shapes: el.querySelectorAll('.shapelayer path').length,
            width: el.getBoundingClientRect().width,
            height: el.getBoundingClientRect().height,
          };
        })
        """;

    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly ConcurrentQueue<string> _problems;
    private readonly ConcurrentQueue<string> _requests;

    internal ChartPage(IBrowserContext context, IPage page, ConcurrentQueue<string> problems, ConcurrentQueue<string> requests)
    {
        _context = context;
        _page = page;
        _problems = problems;
        _requests = requests;
    }

    /// <summary>Console errors and warnings, uncaught script errors, and every attempted network request, so far.</summary>
    public IReadOnlyList<string> Problems => _problems.ToArray();

    /// <summary>The URL of every request the page made so far (local files included), the page itself first.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>What each chart on the page drew, in page order.</summary>
    public async Task<IReadOnlyList<DrawnChart>> ChartsAsync()
    {
        var json = await _page.EvaluateAsync<JsonElement>(InspectScript).ConfigureAwait(false);
        return json.Deserialize<DrawnChart[]>(JsonOptions)!;
    }

    /// <summary>
    /// Every problem on the page: <see cref="Problems"/>, a page with no chart, and for each chart what
    /// <see cref="DrawnChart.Mismatches"/> finds.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync()
    {
        var charts = await ChartsAsync().ConfigureAwait(false);
        var all = new List<string>(Problems);
        if (charts.Count == 0)
        {
            all.Add("the page has no chart");
        }

        for (int i = 0; i < charts.Count; i++)
        {
            all.AddRange(charts[i].Mismatches().Select(m => $"chart {i + 1}: {m}"));
        }

        return all;
    }

    /// <summary>Runs <paramref name="script"/> (a JavaScript function) on the page and returns its result, for what a test reads that <see cref="ChartsAsync"/> does not.</summary>
    public Task<T> EvaluateAsync<T>(string script) => _page.EvaluateAsync<T>(script);

    /// <summary>Moves the mouse to (<paramref name="x"/>, <paramref name="y"/>) in CSS pixels, as a reader pointing at a bar does (plotly.js then shows its hover label).</summary>
    public Task HoverAsync(double x, double y) => _page.Mouse.MoveAsync((float)x, (float)y);

    /// <summary>Saves a PNG of the first chart on the page (just the chart, not the page around it).</summary>
    public async Task ScreenshotAsync(string pngPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        await _page.Locator(".delivery-timelines-chart").First
            .ScreenshotAsync(new LocatorScreenshotOptions { Path = pngPath, Animations = ScreenshotAnimations.Disabled })
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Saves a PNG of the page from <paramref name="top"/> down, <paramref name="height"/> CSS pixels tall and the
    /// window's width: a part of a long page, wherever it is scrolled.
    /// </summary>
    public async Task ScreenshotPageAsync(string pngPath, double top, double height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        int width = await _page.EvaluateAsync<int>("() => document.documentElement.clientWidth").ConfigureAwait(false);
        await _page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = pngPath,
            FullPage = true,
            Clip = new Clip { X = 0, Y = (float)top, Width = width, Height = (float)height },
            Animations = ScreenshotAnimations.Disabled,
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _page.CloseAsync().ConfigureAwait(false);
        await _context.DisposeAsync().ConfigureAwait(false);
    }

    internal async Task WaitForChartsAsync()
    {
        try
        {
            await _page.WaitForFunctionAsync(
                // Once the page has loaded, plotly.js is there or will never come: then there is nothing to wait for.
                "() => !window.Plotly || [...document.querySelectorAll('.delivery-timelines-chart')].every(el => el.getAttribute('data-drawn'))",
                null, new PageWaitForFunctionOptions { Timeout = (float)DrawTimeout.TotalMilliseconds }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _problems.Enqueue($"a chart did not finish drawing within {DrawTimeout.TotalSeconds:F0} s");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
