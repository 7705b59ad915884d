using System.Text.Json;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The course's website in headless Chromium with every request outside the site refused: every page loads with no
/// console error and requests nothing outside the site, every chart draws what its figure claims, every link and
/// anchor inside the site resolves, solutions stay collapsed, previous/next and the language switch lead to the right
/// pages, and at a phone's width (390 px) no page scrolls sideways.
/// </summary>
public sealed class SiteBrowserTests(SharedChromium chromium) : IClassFixture<SharedChromium>
{
    private const string ReadPage = """
        () => ({
          links: [...document.querySelectorAll('a[href]')].map(a => a.href),
          ids: [...document.querySelectorAll('[id]')].map(e => e.id),
          solutions: [...document.querySelectorAll('details')].map(d => d.open),
          previous: [...document.querySelectorAll('a[rel=prev]')].map(a => a.href),
          next: [...document.querySelectorAll('a[rel=next]')].map(a => a.href),
          languages: [...document.querySelectorAll('a.language')].map(a => a.href),
          h1: document.querySelectorAll('h1').length,
          lang: document.documentElement.lang,
        })
        """;

    private static Task<IReadOnlyList<VisitedPage>>? _visits;
    private static readonly SemaphoreSlim VisitLock = new(1, 1);

    [BrowserFact]
    public async Task Every_page_loads_offline_with_no_console_error_and_requests_nothing_outside_the_site()
    {
        SiteReport site = await CourseSite.Get();
        var problems = new List<string>();
        foreach (VisitedPage page in await VisitAsync())
        {
            problems.AddRange(page.Problems.Select(p => $"{page.Name}: {p}"));
            problems.AddRange(page.Requests.Where(r => !InSite(site, r) && !r.StartsWith("data:", StringComparison.Ordinal))
                .Select(r => $"{page.Name}: requested {r}, outside the site"));
        }

        Assert.True(problems.Count == 0, "In Chromium with no network:\n" + string.Join('\n', problems));
    }

    [BrowserFact]
    public async Task Every_chart_draws_what_its_figure_claims_with_the_one_shared_plotly_js()
    {
        var pages = await VisitAsync();
        var problems = new List<string>();
        foreach (VisitedPage page in pages)
        {
            string html = await File.ReadAllTextAsync(page.Path);
            int outputs = Occurrences(html, ChartExport.ChartMarker);
            if (page.Charts.Count != outputs)
            {
                problems.Add($"{page.Name}: {outputs} chart output(s) on the page, {page.Charts.Count} chart(s) in the browser");
            }

            problems.AddRange(page.Charts.SelectMany((c, i) => c.Mismatches().Select(m => $"{page.Name}, chart {i + 1}: {m}")));
            if (outputs > 0 && !page.Requests.Any(r => r.EndsWith("/assets/" + SiteWriter.PlotlyFileName, StringComparison.Ordinal)))
            {
                problems.Add($"{page.Name}: has charts but did not load assets/{SiteWriter.PlotlyFileName}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(pages.Sum(p => p.Charts.Count) >= 10, $"only {pages.Sum(p => p.Charts.Count)} charts on the whole site");
    }

    [BrowserFact]
    public async Task Every_link_inside_the_site_and_every_anchor_resolves()
    {
        SiteReport site = await CourseSite.Get();
        var pages = await VisitAsync();
        var ids = pages.ToDictionary(p => Path.GetFullPath(p.Path), p => p.Ids.ToHashSet(StringComparer.Ordinal));
        var broken = new List<string>();
        int checkedLinks = 0, anchors = 0;
        foreach (VisitedPage page in pages)
        {
            foreach (string href in page.Links.Where(h => h.StartsWith("file:", StringComparison.Ordinal)))
            {
                checkedLinks++;
                var uri = new Uri(href);
                string target = Path.GetFullPath(uri.LocalPath);
                string anchor = Uri.UnescapeDataString(uri.Fragment.TrimStart('#'));
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{page.Name}: {href} leads to nothing");
                }
                else if (anchor.Length > 0 && InSite(site, href))
                {
                    anchors++;
                    if (!ids.TryGetValue(target, out var there) || !there.Contains(anchor))
                    {
                        broken.Add($"{page.Name}: {href}: no element with id '{anchor}' there");
                    }
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
        Assert.True(checkedLinks > 100 && anchors > 5, $"only {checkedLinks} links and {anchors} anchors checked");
    }

    [BrowserFact]
    public async Task Solutions_stay_collapsed_and_previous_next_and_the_language_switch_lead_to_the_twin_pages()
    {
        SiteReport site = await CourseSite.Get();
        var pages = await VisitAsync();
        Assert.True(pages.Sum(p => p.Solutions.Count) >= 10, $"only {pages.Sum(p => p.Solutions.Count)} solutions on the site");
        Assert.All(pages, p => Assert.True(p.Solutions.All(open => !open), $"{p.Name}: a solution is open"));
        Assert.All(pages, p => Assert.Equal(1, p.Headings));

        string[] english = [.. Repository.Notebooks(NotebookRuns.Root).Select(p => Path.GetFileNameWithoutExtension(p))];
        foreach (var (edition, lessons) in new[] { (SiteEdition.English, english), (SiteEdition.Korean, CourseSite.KoreanLessons) })
        {
            string folder = Path.Combine(site.Directory, edition.Folder);
            for (int i = 0; i < lessons.Length; i++)
            {
                VisitedPage page = pages.Single(p => p.Path == Path.Combine(folder, lessons[i] + ".html"));
                Assert.Equal(edition.Language, page.Language);
                Assert.Equal(i == 0 ? [] : [PageUri(folder, lessons[i - 1])], page.Previous);
                Assert.Equal(i == lessons.Length - 1 ? [] : [PageUri(folder, lessons[i + 1])], page.Next);
                string otherFolder = Path.Combine(site.Directory, edition == SiteEdition.English ? SiteEdition.Korean.Folder : SiteEdition.English.Folder);
                string twin = CourseSite.KoreanLessons.Contains(lessons[i]) ? PageUri(otherFolder, lessons[i]) : PageUri(otherFolder, "index");
                Assert.Equal([twin], page.Languages);
            }
        }
    }

    [BrowserFact]
    public async Task At_a_phones_width_no_page_scrolls_sideways()
    {
        SiteReport site = await CourseSite.Get();
        var wide = new List<string>();
        foreach (string page in site.Pages)
        {
            await using LockedPage opened = await chromium.OpenAsync(page, width: 390, height: 844);
            var (scroll, client) = await opened.Page.EvaluateAsync<JsonElement>(
                "() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })") is var size
                ? (size.GetProperty("scroll").GetInt32(), size.GetProperty("client").GetInt32()) : default;
            if (scroll > client)
            {
                wide.Add($"{Path.GetRelativePath(site.Directory, page)}: {scroll} px wide in a {client} px window");
            }
        }

        Assert.True(wide.Count == 0, string.Join('\n', wide));
    }

    [Fact]
    public async Task Plotly_js_is_one_file_of_the_site_and_no_page_embeds_it()
    {
        SiteReport site = await CourseSite.Get();
        string signature = "plotly.js v" + ChartHtml.PlotlyJsVersion;
        var carriers = Directory.GetFiles(site.Directory, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(signature, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(site.Directory, f).Replace('\\', '/'));

        Assert.Equal([$"assets/{SiteWriter.PlotlyFileName}"], carriers);
        foreach (string page in site.Pages)
        {
            string html = await File.ReadAllTextAsync(page);
            Assert.True(Occurrences(html, SiteWriter.PlotlyFileName) == (html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal) ? 1 : 0),
                $"{page}: plotly.js should be loaded once exactly when the page has a chart");
            Assert.DoesNotContain("cdn", html.Replace("Cdn", "cdn", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    private async Task<IReadOnlyList<VisitedPage>> VisitAsync()
    {
        await VisitLock.WaitAsync();
        try
        {
            return await (_visits ??= VisitAllAsync());
        }
        finally
        {
            VisitLock.Release();
        }
    }

    private async Task<IReadOnlyList<VisitedPage>> VisitAllAsync()
    {
        SiteReport site = await CourseSite.Get();
        var visited = new List<VisitedPage>();
        foreach (string page in site.Pages)
        {
            await using LockedPage opened = await chromium.OpenAsync(page);
            JsonElement read = await opened.Page.EvaluateAsync<JsonElement>(ReadPage);
            string[] Strings(string name) => [.. read.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
            visited.Add(new VisitedPage(page, Path.GetRelativePath(site.Directory, page), opened.Page.Problems, opened.Page.Requests,
                await opened.Page.ChartsAsync(), Strings("links"), Strings("ids"),
                [.. read.GetProperty("solutions").EnumerateArray().Select(e => e.GetBoolean())],
                Strings("previous"), Strings("next"), Strings("languages"), read.GetProperty("h1").GetInt32(), read.GetProperty("lang").GetString()!));
        }

        return visited;
    }

    private static bool InSite(SiteReport site, string url) =>
        url.StartsWith(new Uri(site.Directory + Path.DirectorySeparatorChar).AbsoluteUri, StringComparison.Ordinal);

    private static string PageUri(string folder, string name) => new Uri(Path.Combine(folder, name + ".html")).AbsoluteUri;

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private sealed record VisitedPage(
        string Path, string Name, IReadOnlyList<string> Problems, IReadOnlyList<string> Requests, IReadOnlyList<DrawnChart> Charts,
        IReadOnlyList<string> Links, IReadOnlyList<string> Ids, IReadOnlyList<bool> Solutions,
        IReadOnlyList<string> Previous, IReadOnlyList<string> Next, IReadOnlyList<string> Languages, int Headings, string Language);
}
