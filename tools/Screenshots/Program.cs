using System.CommandLine;
using System.Globalization;
using DeliveryTimelines;
using Plotly.NET;
using Tooling;

// The README's pictures: runs the key scenes of the series, charts them with the course's own TimelineChart, opens
// each chart offline in headless Chromium, refuses any chart that did not draw what it claims, and saves a PNG of it.
//   dotnet run --project tools/Screenshots -- [--out DIR] [--only NAME]
//   dotnet run --project tools/Screenshots -- --site [--out DIR]   (a lesson page of the site the NotebookRunner wrote)
// To add a picture, add a Shot below: a file name, a title, and the code that makes its chart.

Option<string?> outOption = ToolCommandLine.Folder("--out", "Where the pictures go (default: docs/images/)");
Option<string?> onlyOption = ToolCommandLine.Text("--only", "part of a picture's name", "Renders only pictures whose name contains this");
Option<bool> siteOption = new("--site")
{
    Description = $"Pictures lesson {SiteShot.Lesson} as the course's website shows it (artifacts/site/, written by tools/NotebookRunner) instead of the charts",
};
RootCommand command = ToolCommandLine.Create("Renders the README's pictures in headless Chromium, after checking each chart drew what it claims.",
    outOption, onlyOption, siteOption);
command.SetAction(parsed => parsed.GetValue(siteOption)
    ? SiteShot.RenderAsync(parsed.GetValue(outOption))
    : RenderAsync(parsed.GetValue(outOption), parsed.GetValue(onlyOption)));
return await ToolCommandLine.RunAsync("Screenshots", command, args);

static async Task<int> RenderAsync(string? outDir, string? only)
{
    string root = Repository.Root(Directory.GetCurrentDirectory());
    var clock = new StoryClock(0.25); // a quarter of a second per story hour: quick, and still far above the timers' tick; the
                                      // story's timelines are on it, so their pictures read in story hours, as the lessons do
    Shot[] shots =
    [
        new("gather-sequential-vs-concurrent", "04: one after another, then gathered with Task.WhenAll", Gather),
        new("blocking-pitfall", "01: blocking, the async method that still blocks, and awaiting", Pitfall),
        new("thread-lanes", "02: eight dishes cooked with Parallel.For, at most one per core at once, a lane per thread", Lanes),
        new("big-timeline", "100,000 deliveries gathered: the chart aggregates", Big),
        new("failure-whenall-vs-task-group", "05 and 06: B fails; WhenAll waits for the others, a task group cancels them", Failure),
        new("how-far-gather-scales", "08: overhead above the ideal, 1,000 to 100,000 deliveries of one story hour", Scale),
    ];

    string images = Path.GetFullPath(outDir ?? Path.Combine(root, "docs", "images"));
    string scratch = Directory.CreateTempSubdirectory("screenshots-").FullName;
    var selected = shots.Where(s => only is null || s.File.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();
    if (selected.Length == 0)
    {
        Console.Error.WriteLine($"Screenshots: --only: no picture's name contains '{only}'; the pictures: {string.Join(", ", shots.Select(s => s.File))}.");
        return ToolCommandLine.BadArguments;
    }

    int failures = 0;
    await using (ChartBrowser browser = await ChartBrowser.LaunchAsync())
    {
        foreach (Shot shot in selected)
        {
            string html = ChartHtml.Save(await shot.Make(), Path.Combine(scratch, shot.File + ".html"), shot.Title);
            await using ChartPage page = await browser.OpenAsync(html, width: 1000, height: 500);
            var problems = await page.CheckAsync();
            if (problems.Count > 0)
            {
                failures++;
                Console.WriteLine($"{shot.File}: NOT saved, the chart did not draw what it claims:\n  " + string.Join("\n  ", problems));
                continue;
            }

            string png = Path.Combine(images, shot.File + ".png");
            await page.ScreenshotAsync(png);
            Console.WriteLine($"{png} ({new FileInfo(png).Length / 1024} KB)");
        }
    }

    Directory.Delete(scratch, recursive: true);
    return failures == 0 ? 0 : 1;

    async Task<GenericChart> Gather()
    {
        var sequential = new Courier(clock, new Timeline("sequential: await one after another", clock), TextWriter.Null);
        foreach (var (name, hours) in Meals())
        {
            await sequential.DeliverAsync(name, hours);
        }

        var concurrent = new Courier(clock, new Timeline("concurrent: Task.WhenAll", clock), TextWriter.Null);
        await Task.WhenAll(Meals().Select(m => concurrent.DeliverAsync(m.Name, m.Hours)));
        return TimelineChart.Compare(sequential.Timeline, concurrent.Timeline);
    }

    async Task<GenericChart> Pitfall()
    {
        var blocking = new Courier(clock, new Timeline("Thread.Sleep: one after another", clock), TextWriter.Null);
        foreach (var (name, hours) in Meals())
        {
            blocking.Deliver(name, hours);
        }

        var pitfall = new Timeline("async with Thread.Sleep inside, gathered: still one after another", clock);
        await Task.WhenAll(Meals().Select(async m =>
        {
            pitfall.Mark(m.Name, Phase.Delivering);
            using (pitfall.Measure(m.Name, Phase.Eating))
            {
                Thread.Sleep(clock.ToRealTime(m.Hours)); // blocks before the first await: the caller waits for the meal
            }

            pitfall.Mark(m.Name, Phase.Collecting);
            await Task.Yield();
        }).ToArray());

        var awaiting = new Courier(clock, new Timeline("await Task.Delay, gathered", clock), TextWriter.Null);
        await Task.WhenAll(Meals().Select(m => awaiting.DeliverAsync(m.Name, m.Hours)));
        return TimelineChart.Compare(blocking.Timeline, pitfall, awaiting.Timeline);
    }

    // As notebook 02 cooks: Parallel.For limited to this machine's cores, after a warm-up round (the JIT's first
    // compilation would stretch the first dishes). The chart's note says how many threads took part and how many at once.
    Task<GenericChart> Lanes()
    {
        int cores = Environment.ProcessorCount;
        int units = Kitchen.UnitsFor(TimeSpan.FromMilliseconds(100));
        var everyCore = new ParallelOptions { MaxDegreeOfParallelism = cores };
        var warmUp = new Kitchen(new Timeline("warm-up"), units);
        Parallel.For(1, 9, everyCore, dish => warmUp.CookDish(dish));
        var kitchen = new Kitchen(new Timeline($"Parallel.For, MaxDegreeOfParallelism = {cores} (the cores): eight dishes"), units);
        Parallel.For(1, 9, everyCore, dish => kitchen.CookDish(dish));
        return Task.FromResult(TimelineChart.ThreadLanes(kitchen.Timeline));
    }

    async Task<GenericChart> Big()
    {
        const int deliveries = 100_000;
        var courier = new Courier(clock, new Timeline($"{deliveries:N0} deliveries, 1 to 3 hours each, gathered", clock), TextWriter.Null);
        await Task.WhenAll(Enumerable.Range(0, deliveries).Select(i => courier.DeliverAsync($"customer {i}", 1 + i % 201 / 100.0)));
        return TimelineChart.Gantt(courier.Timeline);
    }

    async Task<GenericChart> Failure()
    {
        var gathered = new Courier(clock, new Timeline("Task.WhenAll: B fails at 1.5 h, the others eat on, then WhenAll throws", clock), TextWriter.Null);
        await Outcome.WhenAllSettled(Meals().Select(m => m.Name == "B" ? gathered.DeliverAndDropAsync(m.Name, 1.5) : gathered.DeliverAsync(m.Name, m.Hours)));
        var grouped = new Courier(clock, new Timeline("TaskGroup: B fails at 1.5 h, the group cancels C", clock), TextWriter.Null);
        await using (var group = new TaskGroup())
        {
            foreach (var (name, hours) in Meals())
            {
                _ = name == "B" ? group.Run(t => grouped.DeliverAndDropAsync(name, 1.5, t)) : group.Run(t => grouped.DeliverAsync(name, hours, t));
            }

            await group.WhenAllAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // B's failure is the picture, not an error
        }

        return TimelineChart.Compare(gathered.Timeline, grouped.Timeline);
    }

    // Notebook 08's live sweep: the time above one story hour that gathering N quiet deliveries takes, with one Task.Delay
    // each, with shared timers, and in Python's asyncio when python3 is on the PATH (one fresh process per N).
    async Task<GenericChart> Scale()
    {
        int[] sizes = [1_000, 10_000, 100_000];
        double ideal = clock.ToRealTime(1).TotalSeconds;
        await QuietDeliveries.MeasureAsync(clock, 1_000, [1.0]); // warm-up: the first gather in a process pays for the JIT
        async Task<ScaleSeries> CSharp(string name, StoryClock on)
        {
            var overheads = new List<double>();
            foreach (int n in sizes)
            {
                overheads.Add(Math.Max((await QuietDeliveries.MeasureAsync(on, n, [1.0])).Overhead.TotalSeconds, 1e-4));
            }

            return new ScaleSeries(name, [.. sizes.Select(n => (double)n)], overheads);
        }

        var series = new List<ScaleSeries> { await CSharp("C#, Task.Delay each", clock), await CSharp("C#, shared timers", clock.WithSharedTimers()) };
        var python = new List<double>();
        string script = Path.Combine(root, "bench", "python", "scale.py");
        foreach (int n in sizes)
        {
            if (!ChildProcess.IsOnPath("python3"))
            {
                break; // no python3: the picture shows C# alone
            }

            ProcessResult run = await ChildProcess.RunAsync("python3",
                [script, "gather", n.ToString(CultureInfo.InvariantCulture), "--seconds", ideal.ToString("R", CultureInfo.InvariantCulture)]);
            python.Add(Math.Max(PythonScaleResult.Parse(run.Stdout).WallSeconds - ideal, 1e-4));
        }

        if (python.Count == sizes.Length)
        {
            series.Insert(0, new ScaleSeries("Python, asyncio.gather", [.. sizes.Select(n => (double)n)], python));
        }

        return ScaleChart.LogLog("08: time above the ideal when gathering N deliveries of one story hour", "deliveries gathered (N)", "overhead above the ideal (s)", [.. series]);
    }
}

static (string Name, double Hours)[] Meals() => [("A", 1), ("B", 2), ("C", 3)];

/// <summary>One picture: its file name (without .png) in docs/images, its chart's title, and the code that makes the chart.</summary>
internal sealed record Shot(string File, string Title, Func<Task<GenericChart>> Make);

/// <summary>
/// The README's picture of the website: the part of a lesson page from the heading before its first chart to the end of
/// that chart's cell (prose, highlighted code, printed output, the chart), 1000 px wide, after checking the page loaded
/// offline with no problem and its charts drew what they claim.
/// </summary>
internal static class SiteShot
{
    public const string Lesson = "04-gather-as-whenall";

    private const string FileName = "site-lesson.png";

    // From the heading above the first chart to the bottom of the chart's cell, in page coordinates.
    private const string Region = """
        () => {
          const chart = document.querySelector('.delivery-timelines-chart');
          const cell = chart.closest('.code-cell');
          const headings = [...document.querySelectorAll('h2')].filter(h => h.compareDocumentPosition(cell) & Node.DOCUMENT_POSITION_FOLLOWING);
          const from = headings.length ? headings[headings.length - 1] : document.querySelector('h1');
          const y = window.scrollY;
          return { top: from.getBoundingClientRect().top + y - 16, bottom: cell.getBoundingClientRect().bottom + y + 16 };
        }
        """;

    public static async Task<int> RenderAsync(string? outDir)
    {
        string root = Repository.Root(Directory.GetCurrentDirectory());
        string page = Path.Combine(root, "artifacts", "site", Lesson + ".html");
        if (!File.Exists(page))
        {
            Console.Error.WriteLine($"Screenshots: --site: no {page}; write the site first: dotnet run --project tools/NotebookRunner (or -- --site-only after a run).");
            return 1;
        }

        string png = Path.Combine(Path.GetFullPath(outDir ?? Path.Combine(root, "docs", "images")), FileName);
        await using ChartBrowser browser = await ChartBrowser.LaunchAsync();
        await using ChartPage opened = await browser.OpenAsync(page, width: 1000, height: 900);
        var problems = await opened.CheckAsync();
        if (problems.Count > 0)
        {
            Console.WriteLine($"{FileName}: NOT saved, the page did not load cleanly:\n  " + string.Join("\n  ", problems));
            return 1;
        }

        var region = await opened.EvaluateAsync<System.Text.Json.JsonElement>(Region);
        double top = region.GetProperty("top").GetDouble(), bottom = region.GetProperty("bottom").GetDouble();
        await opened.ScreenshotPageAsync(png, top, Math.Min(bottom - top, 1600));
        Console.WriteLine($"{png} ({new FileInfo(png).Length / 1024} KB)");
        return 0;
    }
}
