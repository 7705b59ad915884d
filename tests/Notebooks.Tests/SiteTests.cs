using System.Text.Json.Nodes;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The website's pieces on their own, without a kernel or a browser: prose, code and outputs rendered with every
/// character of text escaped, solutions kept collapsed, links rewritten for the site; a notebook paired with its run;
/// a translation refused when its code is not the original's; a whole small site with two editions.
/// </summary>
public sealed class SiteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("site-tests-").FullName;

    [Fact]
    public void The_index_opens_with_the_readmes_first_paragraph_past_its_language_line_and_copies_no_picture_twice()
    {
        const string readme = "# Title\n\nEnglish · [한국어](README.ko.md): the series in Korean.\n\nThe series teaches asyncio in C#.\n\n" +
                              "## Two commands\n\n```bash\ndotnet test\n```\n\n<img src=\"docs/images/site-lesson.png\" width=\"640\" alt=\"A lesson\">\n\nMore text.\n";

        Assert.Equal("The series teaches asyncio in C#.", ReadmeParts.Opening(readme));
        Assert.Equal("The series teaches asyncio in C#.", ReadmeParts.Opening("# Title\n\nEnglish · [한국어](README.ko.md): Korean.\nThe series teaches asyncio in C#.\n"));
        Assert.Equal("```bash\ndotnet test\n```\n\n\nMore text.", ReadmeParts.WithoutPictures(ReadmeParts.Section(readme, "Two commands")!));
        Assert.Equal(new ReadmePicture("docs/images/site-lesson.png", "A lesson", null), Assert.Single(ReadmeParts.Pictures(readme)));
    }

    [Fact]
    public void Code_is_highlighted_and_every_character_of_it_escaped()
    {
        string html = CodeHighlighter.CSharp("var tag = \"</pre><script>alert(1)</script>\"; // List<int> & more\nawait Task.WhenAll(a, b);\n");

        Assert.StartsWith("<pre class=\"code csharp\"><code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("List&lt;int&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"keyword\">var</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"comment\">", html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "</pre>"));
    }

    [Fact]
    public void Prose_keeps_a_solution_collapsed_with_its_code_highlighted_and_escapes_code_spans()
    {
        string markdown = "Use `List<int>` here.\n\n<details><summary>Solution</summary>\n\n```csharp\nvar ok = 1 < 2;\n```\n\n</details>\n";

        string html = MarkdownRenderer.ToHtml(markdown, Links(), new PageHeadings());

        Assert.Contains("<code>List&lt;int&gt;</code>", html, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Solution</summary>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<details open", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"code csharp\"><code><span class=\"keyword\">var</span> ok = <span class=\"number\">1</span> &lt; <span class=\"number\">2</span>;</code></pre>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("</details>", StringComparison.Ordinal) > html.IndexOf("</pre>", StringComparison.Ordinal), html);
    }

    [Fact]
    public void Pipe_tables_render_and_every_heading_has_an_id_unique_on_the_page()
    {
        var headings = new PageHeadings("content");
        string first = MarkdownRenderer.ToHtml("# 04 — `gather` is `Task.WhenAll`\n\n## Summary\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", Links(), headings);
        string second = MarkdownRenderer.ToHtml("## Summary\n\n## Content\n", Links(), headings);

        Assert.Contains("<h1 id=\"04--gather-is-taskwhenall\">", first, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"summary\">", first, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", first, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"summary-1\">", second, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"content-1\">", second, StringComparison.Ordinal); // "content" is the main element's
        Assert.Equal([new PageHeading(1, "04--gather-is-taskwhenall", "04 — gather is Task.WhenAll"), new PageHeading(2, "summary", "Summary"),
            new PageHeading(2, "summary-1", "Summary"), new PageHeading(2, "content-1", "Content")], headings.All);
    }

    [Fact]
    public void A_lesson_lists_its_sections_after_its_opening_and_ends_with_its_neighbours()
    {
        var page = new LessonPage(SiteEdition.English, "04-gather", Path.Combine(_dir, "04-gather.ipynb"), Path.Combine(_dir, "run.ipynb"),
            [new ProseCell("# 04 — Gather\n\nThe opening."), new CodePageCell("var a = 1;", []), new ProseCell("## First `<part>`"), new ProseCell("## Second")]);
        var navigation = new PageNavigation("index.html", ("03-before.html", "03 — Before"), null, []);

        var (main, after) = SitePageHtml.Lesson(page, navigation, Links(), "../04-gather.ipynb", outputsOfOriginal: false, runNote: null);

        Assert.Contains("<p>The opening.</p>\n</section>\n<nav class=\"contents\" id=\"contents\" aria-label=\"On this page\">", main, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#first-part\">First &lt;part&gt;</a></li>\n<li><a href=\"#second\">Second</a></li>", main, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"prev\" href=\"03-before.html\">← Previous: 03 — Before</a>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_go_to_lesson_pages_and_repository_files_and_a_link_to_nothing_is_reported()
    {
        string notebooks = Path.Combine(NotebookRuns.Root, "notebooks");
        string site = Path.Combine(NotebookRuns.Root, "artifacts", "site");
        var pages = new Dictionary<string, string> { [Path.Combine(notebooks, "05-gather-in-depth.ipynb")] = Path.Combine(site, "05-gather-in-depth.html") };
        var links = new SiteLinks(Path.Combine(notebooks, "04-gather-as-whenall.ipynb"), Path.Combine(site, "04-gather-as-whenall.html"), pages);

        string html = MarkdownRenderer.ToHtml(
            "[next](05-gather-in-depth.ipynb#a-delivery-that-fails) [python](../samples/python/gather.py) [folder](../samples/python) " +
            "[docs](https://learn.microsoft.com/dotnet/) [here](#summary) [gone](../samples/python/no-such-file.py)", links, new PageHeadings());

        Assert.Contains("href=\"05-gather-in-depth.html#a-delivery-that-fails\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"../../samples/python/gather.py\"", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site, "../../samples/python/gather.py")));
        Assert.Contains("href=\"../../samples/python/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://learn.microsoft.com/dotnet/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#summary\"", html, StringComparison.Ordinal);
        string broken = Assert.Single(links.Broken);
        Assert.Contains("../samples/python/no-such-file.py", broken, StringComparison.Ordinal);
        Assert.Contains("04-gather-as-whenall.ipynb", broken, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_show_printed_text_escaped_and_merged_html_as_it_is_and_no_copy_of_plotly_js()
    {
        JsonObject[] outputs =
        [
            Stream("stdout", "Delivered to <A>!\n"),
            Stream("stdout", "A & B ate\n"),
            Display("text/html", ChartHtml.PlotlyLoader() + "<p><em>loaded</em></p>"),
            Display("text/plain", "[1, <2>]"),
            Stream("stderr", "careful\n"),
            new JsonObject { ["output_type"] = "error", ["ename"] = "Exception", ["evalue"] = "B dropped <the> plate" },
        ];

        string html = OutputRenderer.ToHtml(outputs);

        Assert.Contains("<pre class=\"stdout\">Delivered to &lt;A&gt;!\nA &amp; B ate</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<p><em>loaded</em></p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v" + ChartHtml.PlotlyJsVersion, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"result\">[1, &lt;2&gt;]</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"stderr\">careful</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"error\">Exception: B dropped &lt;the&gt; plate</pre>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Delivered", StringComparison.Ordinal) < html.IndexOf("loaded", StringComparison.Ordinal)
                    && html.IndexOf("loaded", StringComparison.Ordinal) < html.IndexOf("careful", StringComparison.Ordinal), "outputs out of order:\n" + html);
    }

    [Fact]
    public void A_chart_is_a_figure_whose_caption_says_what_each_panel_shows()
    {
        var clock = new StoryClock(0.01);
        var sequential = new Timeline("sequential", clock);
        sequential.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(0.01));
        sequential.Record("B", Phase.Eating, TimeSpan.FromSeconds(0.01), TimeSpan.FromSeconds(0.03));
        var gathered = new Timeline("gathered <fast>", clock);
        gathered.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(0.01));
        gathered.Record("B", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(0.02));

        string html = OutputRenderer.ToHtml([Display("text/html", ChartHtml.Fragment(TimelineChart.Compare(sequential, gathered)))]);

        Assert.Contains("<figure class=\"chart\"><figcaption class=\"visually-hidden\">Timeline chart: sequential (total 3.00 h); gathered &lt;fast&gt; (total 2.00 h)</figcaption>", html, StringComparison.Ordinal);
        Assert.Null(OutputRenderer.ChartCaption("<p>not a chart</p>"));
    }

    [Fact]
    public void A_code_cell_takes_the_outputs_of_its_own_run_past_cells_a_headless_run_added()
    {
        string source = Save("notebooks/01-first.ipynb", Markdown("# 01 — First"), Code("var a = 1;"), Code("Console.WriteLine(a);"));
        string executed = Save("executed/01-first.ipynb", Markdown("# 01 — First"), Code("var a = 1;"),
            Code("// Injected by the headless runner (tools/NotebookRunner): a faster story clock for this run.\nsecondsPerHour = 0.2;", Stream("stdout", "not this\n")),
            Code("Console.WriteLine(a);", Stream("stdout", "1\n")));

        LessonPage page = NotebookPairing.Pair(SiteEdition.English, source, executed);

        Assert.Equal("01 — First", page.Title);
        CodePageCell[] code = [.. page.Cells.OfType<CodePageCell>()];
        Assert.Equal(2, code.Length);
        Assert.Empty(code[0].Outputs);
        Assert.Equal("1\n", NotebookFile.StreamText(Assert.Single(code[1].Outputs)));
        Assert.Equal("secondsPerHour = 0.2", SitePageHtml.RunNote(executed));
        JsonObject run = NotebookFile.Load(executed);
        NotebookFile.Cells(run)[0]!["metadata"]!["dotnet_repl_cellExecutionStartTime"] = "2026-11-29T15:19:23.3696892+00:00";
        NotebookFile.Save(run, executed);
        Assert.Equal("2026-11-29, secondsPerHour = 0.2", SitePageHtml.RunNote(executed));
    }

    [Fact]
    public void A_notebook_changed_since_it_ran_is_refused_naming_its_cell()
    {
        string source = Save("notebooks/01-first.ipynb", Code("var a = 1;"), Code("Console.WriteLine(a + 1);"));
        string executed = Save("executed/01-first.ipynb", Code("var a = 1;"), Code("Console.WriteLine(a);"));

        var refused = Assert.Throws<InvalidDataException>(() => NotebookPairing.Pair(SiteEdition.English, source, executed));

        Assert.Contains("code cell 2", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(a + 1);", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--only 01-first", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_translation_whose_code_differs_is_refused_naming_the_cell_and_line()
    {
        string original = Save("notebooks/01-first.ipynb", Markdown("# One"), Code("var a = 1;\nvar b = 2;"));
        string translation = Save("notebooks/ko/01-first.ipynb", Markdown("# 하나"), Code("var a = 1;\nvar b = 3;"));

        var refused = Assert.Throws<InvalidDataException>(() => NotebookPairing.RequireSameCode(translation, original));

        Assert.Contains("code cell 1 differs ('line 2: var b = 3;')", refused.Message, StringComparison.Ordinal);
        NotebookPairing.RequireSameCode(original, original);
    }

    [Fact]
    public void A_translation_in_its_own_folder_imports_the_same_files_by_its_own_relative_paths()
    {
        string original = Save("notebooks/01-first.ipynb", Code("#!import ../lib/setup.dib"), Code("#r \"../lib/x.dll\"\n#r \"nuget: Plotly.NET, 6.0.0\""));
        string translation = Save("notebooks/ko/01-first.ipynb", Code("#!import ../../lib/setup.dib"), Code("#r \"../../lib/x.dll\"\n#r \"nuget: Plotly.NET, 6.0.0\""));
        string elsewhere = Save("notebooks/ko/02-other.ipynb", Code("#!import ../lib/setup.dib"), Code("#r \"../../lib/x.dll\"\n#r \"nuget: Plotly.NET, 6.0.0\""));
        string executed = Save("executed/01-first.ipynb", Code("#!import ../lib/setup.dib", Display("text/html", "<p>loaded</p>")),
            Code("#r \"../lib/x.dll\"\n#r \"nuget: Plotly.NET, 6.0.0\""));

        NotebookPairing.RequireSameCode(translation, original);
        var refused = Assert.Throws<InvalidDataException>(() => NotebookPairing.RequireSameCode(elsewhere, original));
        Assert.Contains("code cell 1 differs", refused.Message, StringComparison.Ordinal);

        LessonPage page = NotebookPairing.Pair(SiteEdition.Korean, translation, executed, ranPath: original);
        CodePageCell setup = page.Cells.OfType<CodePageCell>().First();
        Assert.Equal("#!import ../../lib/setup.dib", setup.Code); // the translation's own code, the original's outputs
        Assert.Equal("<p>loaded</p>", NotebookFile.Data(Assert.Single(setup.Outputs), "text/html"));
        Assert.Equal(original, page.RanPath);
    }

    [Fact]
    public void A_site_has_an_index_a_page_per_lesson_with_its_neighbours_and_a_korean_edition_with_the_english_outputs()
    {
        string root = RepositoryWith(
            ("01-first", "# 01 — First\n\nThe first lesson. It prints.\n\n[Next](02-second.ipynb)", "Console.WriteLine(\"first <run>\");", "first <run>\n"),
            ("02-second", "# 02 — Second\n\nThe second lesson.", "Console.WriteLine(2);", "2\n"),
            ("03-third", "# 03 — Third\n\nThe third lesson.", "Console.WriteLine(3);", "3\n"));
        Save("repo/notebooks/ko/01-first.ipynb", Markdown("# 01 — 첫째\n\n첫 번째 강의입니다. 출력합니다.\n\n[다음](02-second.ipynb)"), Code("Console.WriteLine(\"first <run>\");"));
        Save("repo/notebooks/ko/02-second.ipynb", Markdown("# 02 — 둘째\n\n두 번째 강의입니다."), Code("Console.WriteLine(2);"));
        Save("repo/notebooks/ko/03-third.ipynb", Markdown("# 03 — 셋째"), Code("Console.WriteLine(\"changed\");"));
        Save("repo/notebooks/04-fourth.ipynb", Markdown("# 04 — Fourth, never run"), Code("Console.WriteLine(4);"));

        SiteReport report = SiteWriter.Write(new SiteSources(root, Path.Combine(_dir, "executed")), Path.Combine(root, "artifacts", "site"));
        string site = report.Directory;

        Assert.Contains("04-fourth.ipynb has no executed run", Assert.Single(report.NotRun), StringComparison.Ordinal);
        string problem = Assert.Single(report.Problems);
        Assert.Contains("ko/03-third.ipynb", problem, StringComparison.Ordinal);
        Assert.Contains("code cell 1 differs", problem, StringComparison.Ordinal);
        Assert.Equal(["index.html", "01-first.html", "02-second.html", "03-third.html", "ko/index.html", "ko/01-first.html", "ko/02-second.html"],
            report.Pages.Select(p => Path.GetRelativePath(site, p).Replace('\\', '/')));

        string index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("<html lang=\"en\">", index, StringComparison.Ordinal);
        Assert.Contains("<a class=\"lesson-title\" href=\"01-first.html\">01 — First</a><p>The first lesson.</p>", index, StringComparison.Ordinal);
        Assert.Contains("href=\"ko/index.html\" hreflang=\"ko\"", index, StringComparison.Ordinal);

        string second = File.ReadAllText(Path.Combine(site, "02-second.html"));
        Assert.Contains("<a rel=\"prev\" href=\"01-first.html\">", second, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"next\" href=\"03-third.html\">", second, StringComparison.Ordinal);
        Assert.Contains("href=\"ko/02-second.html\" hreflang=\"ko\"", second, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\"", second, StringComparison.Ordinal);
        Assert.Contains("href=\"assets/site.css\"", second, StringComparison.Ordinal);
        Assert.Contains("href=\"../../notebooks/02-second.ipynb\"", second, StringComparison.Ordinal);

        string third = File.ReadAllText(Path.Combine(site, "03-third.html"));
        Assert.DoesNotContain("rel=\"next\"", third, StringComparison.Ordinal);
        Assert.Contains("href=\"ko/index.html\" hreflang=\"ko\"", third, StringComparison.Ordinal); // no Korean page: the Korean index

        string korean = File.ReadAllText(Path.Combine(site, "ko", "01-first.html"));
        Assert.Contains("<html lang=\"ko\">", korean, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"01--첫째\">01 — 첫째</h1>", korean, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"stdout\">first &lt;run&gt;</pre>", korean, StringComparison.Ordinal); // the English run's output
        Assert.Contains("href=\"02-second.html\">다음</a>", korean, StringComparison.Ordinal);
        Assert.Contains("href=\"../01-first.html\" hreflang=\"en\"", korean, StringComparison.Ordinal);
        Assert.Contains("href=\"../assets/site.css\"", korean, StringComparison.Ordinal);
        Assert.Contains(SiteEdition.Korean.Words.OutputsOfOriginal, korean, StringComparison.Ordinal);
        Assert.Contains("첫 번째 강의입니다.", File.ReadAllText(Path.Combine(site, "ko", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_the_site_did_not_write_is_never_emptied()
    {
        string root = RepositoryWith(("01-first", "# 01", "var a = 1;", null));
        string precious = Path.Combine(_dir, "precious");
        Directory.CreateDirectory(precious);
        File.WriteAllText(Path.Combine(precious, "thesis.txt"), "keep me");

        var refused = Assert.Throws<IOException>(() => SiteWriter.Write(new SiteSources(root, Path.Combine(_dir, "executed")), precious));

        Assert.Contains(precious, refused.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(precious, "thesis.txt")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A repository with a README and notebooks of one prose cell and one code cell each, and their runs (the code cell's
    // printed output, when given) in {_dir}/executed.
    private string RepositoryWith(params (string Name, string Prose, string Code, string? Printed)[] notebooks)
    {
        string root = Path.Combine(_dir, "repo");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "README.md"), "# The course\n\nA course.\n\n## Two commands\n\n```bash\ndotnet test\n```\n");
        foreach (var (name, prose, code, printed) in notebooks)
        {
            Save($"repo/notebooks/{name}.ipynb", Markdown(prose), Code(code));
            Save($"executed/{name}.ipynb", Markdown(prose), printed is null ? Code(code) : Code(code, Stream("stdout", printed)));
        }

        return root;
    }

    private SiteLinks Links() => new(Path.Combine(_dir, "notebooks", "01.ipynb"), Path.Combine(_dir, "site", "01.html"), new Dictionary<string, string>());

    private string Save(string relative, params JsonObject[] cells)
    {
        string path = Path.Combine(_dir, relative);
        NotebookFile.Save(new JsonObject { ["cells"] = new JsonArray([.. cells]), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }, path);
        return path;
    }

    private static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    private static JsonObject Code(string source, params JsonObject[] outputs)
    {
        JsonObject cell = NotebookFile.CodeCell(source);
        cell["outputs"] = new JsonArray([.. outputs]);
        return cell;
    }

    private static JsonObject Stream(string name, string text) => new() { ["output_type"] = "stream", ["name"] = name, ["text"] = text };

    private static JsonObject Display(string mime, string data) =>
        new() { ["output_type"] = "display_data", ["data"] = new JsonObject { [mime] = data }, ["metadata"] = new JsonObject() };

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
