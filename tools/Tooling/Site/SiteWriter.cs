using System.Globalization;
using System.Text;
using DeliveryTimelines;

namespace Tooling;

/// <summary>
/// Writes the course as a static website that opens from <c>index.html</c> with no network: an index per edition, a
/// page per executed notebook (prose, highlighted code, every output, charts), one stylesheet, and plotly.js once as a
/// file of its own (a chart output draws with the page's <c>window.Plotly</c>, so no page embeds it). The Korean edition
/// is written to <c>ko/</c> when its notebooks exist, with the English run's outputs where it has no run of its own.
/// </summary>
public static class SiteWriter
{
    /// <summary>The site's folder of shared files.</summary>
    public const string AssetsFolder = "assets";

    /// <summary>The site's one stylesheet, in <see cref="AssetsFolder"/>.</summary>
    public const string StyleFileName = "site.css";

    /// <summary>The site's pictures (copied from docs/images/).</summary>
    public const string ImagesFolder = "images";

    // Left in every folder this class writes, so a rebuild may empty it: a folder without it is someone else's.
    private const string Marker = ".course-site";

    /// <summary>plotly.js as the site serves it, in <see cref="AssetsFolder"/>, named by its version.</summary>
    public static string PlotlyFileName => $"plotly-{ChartHtml.PlotlyJsVersion}.min.js";

    /// <summary>
    /// Writes the site of <paramref name="sources"/> to <paramref name="siteDirectory"/>, replacing a site written there
    /// before. A notebook that cannot have a page (never executed, changed since it ran, a translation whose code differs)
    /// is left out and reported, as is a link that leads nowhere; everything else is written.
    /// </summary>
    /// <exception cref="IOException"><paramref name="siteDirectory"/> holds files but no site written by this class.</exception>
    public static SiteReport Write(SiteSources sources, string siteDirectory)
    {
        ArgumentNullException.ThrowIfNull(sources);
        string site = Path.GetFullPath(siteDirectory);
        Clear(site);
        var problems = new List<string>();
        var notRun = new List<string>();

        var english = Editions(SiteEdition.English, sources.NotebooksDirectory, sources.ExecutedDirectory, original: null, problems, notRun);
        var editions = new List<(SiteEdition Edition, IReadOnlyList<LessonPage> Pages)> { (SiteEdition.English, english) };
        if (Directory.Exists(sources.KoreanDirectory))
        {
            editions.Add((SiteEdition.Korean, Editions(SiteEdition.Korean, sources.KoreanDirectory,
                Path.Combine(sources.ExecutedDirectory, SiteEdition.Korean.Folder), sources.NotebooksDirectory, problems, notRun)));
        }

        // Every notebook with a page, and where its page is: links between notebooks go to the pages.
        var pagePaths = editions.SelectMany(e => e.Pages).ToDictionary(p => Path.GetFullPath(p.SourcePath), p => PagePath(site, p));

        string assets = Path.Combine(site, AssetsFolder);
        Directory.CreateDirectory(assets);
        File.WriteAllText(Path.Combine(assets, StyleFileName), Stylesheet());
        File.WriteAllText(Path.Combine(assets, PlotlyFileName), ChartHtml.PlotlyJsScript);

        string readme = File.Exists(sources.Readme) ? File.ReadAllText(sources.Readme) : string.Empty;
        var pictures = ReadmeParts.Pictures(readme);
        foreach (ReadmePicture picture in pictures)
        {
            string from = Path.Combine(sources.RepositoryRoot, picture.File);
            if (File.Exists(from))
            {
                Directory.CreateDirectory(Path.Combine(site, ImagesFolder));
                File.Copy(from, Path.Combine(site, ImagesFolder, Path.GetFileName(from)), overwrite: true);
            }
            else
            {
                problems.Add($"README.md shows {picture.File}, which does not exist");
            }
        }

        var written = new List<string>();
        foreach (var (edition, pages) in editions)
        {
            string folder = Path.Combine(site, edition.Folder);
            Directory.CreateDirectory(folder);
            string assetsHref = edition.Folder.Length == 0 ? AssetsFolder : "../" + AssetsFolder;
            var others = editions.Where(e => e.Edition != edition).ToArray();

            string index = Path.Combine(folder, "index.html");
            var indexLinks = new SiteLinks(sources.Readme, index, pagePaths);
            var indexNavigation = new PageNavigation("index.html", null, null,
                [.. others.Select(o => (indexLinks.Relative(Path.Combine(site, o.Edition.Folder, "index.html")), o.Edition))]);
            File.WriteAllText(index, SitePageHtml.Frame(edition, edition.Words.SiteTitle, assetsHref, indexNavigation,
                IndexMain(edition, pages, pictures, readme, sources.Readme, site, indexLinks), string.Empty, charts: false));
            problems.AddRange(indexLinks.Broken);
            written.Add(index);

            for (int i = 0; i < pages.Count; i++)
            {
                LessonPage page = pages[i];
                string path = PagePath(site, page);
                var links = new SiteLinks(page.SourcePath, path, pagePaths);
                var navigation = new PageNavigation("index.html",
                    i > 0 ? (pages[i - 1].FileName, pages[i - 1].Title) : null,
                    i < pages.Count - 1 ? (pages[i + 1].FileName, pages[i + 1].Title) : null,
                    [.. others.Select(o => (links.Relative(o.Pages.FirstOrDefault(p => p.Name == page.Name) is { } twin
                        ? PagePath(site, twin) : Path.Combine(site, o.Edition.Folder, "index.html")), o.Edition))]);
                var (main, after) = SitePageHtml.Lesson(page, navigation, links, links.Relative(page.SourcePath), page.RanPath is not null,
                    SitePageHtml.RunNote(page.ExecutedPath));
                File.WriteAllText(path, SitePageHtml.Frame(edition, $"{page.Title} · {edition.Words.SiteTitle}", assetsHref, navigation, main, after, page.HasCharts));
                problems.AddRange(links.Broken);
                written.Add(path);
            }
        }

        var files = Directory.GetFiles(site, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToArray();
        FileInfo largest = files.Where(f => f.Extension == ".html").MaxBy(f => f.Length)!;
        return new SiteReport(site, written, problems, files.Sum(f => f.Length), (largest.FullName, largest.Length), notRun);
    }

    private static List<LessonPage> Editions(SiteEdition edition, string notebooks, string executedDirectory, string? original,
        List<string> problems, List<string> notRun)
    {
        var pages = new List<LessonPage>();
        foreach (string notebook in Directory.GetFiles(notebooks, "*.ipynb").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(notebook);
            try
            {
                string executed = Path.Combine(executedDirectory, name);
                string? ran = null;
                if (original is not null)
                {
                    string twin = Path.Combine(original, name);
                    if (!File.Exists(twin))
                    {
                        problems.Add($"{notebook} has no original in {original}: a translation needs the notebook it translates");
                        continue;
                    }

                    NotebookPairing.RequireSameCode(notebook, twin);
                    if (!File.Exists(executed))
                    {
                        executed = Path.Combine(Path.GetDirectoryName(executedDirectory)!, name); // the original's run: same code, same outputs
                        ran = twin;
                    }
                }

                if (!File.Exists(executed))
                {
                    notRun.Add($"{notebook} has no executed run in {Path.GetDirectoryName(executed)}, so no page: run it first (dotnet run --project tools/NotebookRunner -- --only {Path.GetFileNameWithoutExtension(name)})");
                    continue;
                }

                pages.Add(NotebookPairing.Pair(edition, notebook, executed, ran));
            }
            catch (InvalidDataException refused)
            {
                problems.Add(refused.Message);
            }
        }

        return pages;
    }

    private static string IndexMain(SiteEdition edition, IReadOnlyList<LessonPage> pages, IReadOnlyList<ReadmePicture> pictures,
        string readme, string readmePath, string site, SiteLinks links)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{SitePageHtml.Encode(edition.Words.SiteTitle)}</h1>\n");
        var ids = new PageHeadings("content", "lessons", "pictures", "run-it-yourself");
        if (edition == SiteEdition.English && ReadmeParts.Opening(readme) is { Length: > 0 } opening)
        {
            html.Append(MarkdownRenderer.ToHtml(opening, links, ids));
        }

        var summaries = ReadmeParts.Summaries(readme);
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"lessons\">{SitePageHtml.Encode(edition.Words.Lessons)}</h2>\n<ol class=\"lessons\">\n");
        foreach (LessonPage page in pages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a class=\"lesson-title\" href=\"{page.FileName}\">{SitePageHtml.Encode(page.Title)}</a>");
            // The README's line for the lesson in English; in another language, the first sentence of the lesson itself.
            if (edition == SiteEdition.English && summaries.TryGetValue(page.Name, out string? summary))
            {
                html.Append(MarkdownRenderer.ToHtml(summary, links, ids));
            }
            else if (page.Summary.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{SitePageHtml.Encode(page.Summary)}</p>\n");
            }

            foreach (ReadmePicture picture in pictures.Where(p => p.Notebook == page.Name))
            {
                html.Append(Picture(picture, links, site));
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
        var others = pictures.Where(p => p.Notebook is null).ToArray();
        if (others.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"pictures\">{SitePageHtml.Encode(edition.Words.Pictures)}</h2>\n<div class=\"pictures\">\n");
            foreach (ReadmePicture picture in others)
            {
                html.Append(Picture(picture, links, site));
            }

            html.Append("</div>\n");
        }

        if (ReadmeParts.Section(readme, "Two commands") is { } howTo)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"run-it-yourself\">{SitePageHtml.Encode(edition.Words.RunIt)}</h2>\n<div lang=\"en\">\n")
                .Append(MarkdownRenderer.ToHtml(ReadmeParts.WithoutPictures(howTo), links, ids))
                .Append(CultureInfo.InvariantCulture, $"<p>More in <a href=\"{links.Relative(readmePath)}\">README.md</a>.</p>\n</div>\n");
        }

        return html.ToString();
    }

    private static string Picture(ReadmePicture picture, SiteLinks links, string site) =>
        $"<img src=\"{links.Relative(Path.Combine(site, ImagesFolder, Path.GetFileName(picture.File)))}\" alt=\"{SitePageHtml.Encode(picture.Alt)}\" lang=\"en\" loading=\"lazy\">\n";

    private static string PagePath(string site, LessonPage page) => Path.Combine(site, page.Edition.Folder, page.FileName);

    private static void Clear(string site)
    {
        if (Directory.Exists(site) && Directory.EnumerateFileSystemEntries(site).Any())
        {
            if (!File.Exists(Path.Combine(site, Marker)))
            {
                throw new IOException($"{site} holds files that no site build wrote (it has no {Marker} file): choose an empty or new folder for the site.");
            }

            Directory.Delete(site, recursive: true);
        }

        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, Marker), "Written by tools/Tooling/Site/SiteWriter; a rebuild replaces this folder.\n");
    }

    private static string Stylesheet()
    {
        using Stream stream = typeof(SiteWriter).Assembly.GetManifestResourceStream("Tooling.Site.site.css")
            ?? throw new InvalidOperationException("Tooling lacks its embedded Site/site.css.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
