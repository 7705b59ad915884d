using DeliveryTimelines;
using NotebookRunner;
using Plotly.NET;
using Screenshots;

// The README's pictures: runs the key scenes of the series, charts them with the course's own TimelineChart, opens
// each chart offline in headless Chromium, refuses any chart that did not draw what it claims, and saves a PNG of it.
//   dotnet run --project tools/Screenshots -- [--out DIR] [--only NAME]
// To add a picture, add a Shot below: a file name, a title, and the code that makes its chart.

string? outDir = null, only = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outDir = args[++i];
            break;
        case "--only" when i + 1 < args.Length:
            only = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: [--out DIR] [--only NAME]");
            return 2;
    }
}

var clock = new StoryClock(0.25); // a quarter of a second per story hour: quick, and still far above the 4 ms timer tick
Shot[] shots =
[
    new("gather-sequential-vs-concurrent", "04: one after another, then gathered with Task.WhenAll", Gather),
    new("blocking-pitfall", "01: blocking, the async method that still blocks, and awaiting", Pitfall),
    new("thread-lanes", "02: eight dishes cooked with Parallel.For, a lane per thread", Lanes),
    new("big-timeline", "100,000 deliveries gathered: the chart aggregates", Big),
];

string root = Repository.Root(Directory.GetCurrentDirectory());
string images = Path.GetFullPath(outDir ?? Path.Combine(root, "docs", "images"));
string scratch = Directory.CreateTempSubdirectory("screenshots-").FullName;
var selected = shots.Where(s => only is null || s.File.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine($"No picture's name contains '{only}'. Pictures: {string.Join(", ", shots.Select(s => s.File))}");
    return 2;
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
    var sequential = new Courier(clock, new Timeline("sequential: await one after another"), TextWriter.Null);
    foreach (var (name, hours) in Meals())
    {
        await sequential.DeliverAsync(name, hours);
    }

    var concurrent = new Courier(clock, new Timeline("concurrent: Task.WhenAll"), TextWriter.Null);
    await Task.WhenAll(Meals().Select(m => concurrent.DeliverAsync(m.Name, m.Hours)));
    return TimelineChart.Compare(sequential.Timeline, concurrent.Timeline);
}

async Task<GenericChart> Pitfall()
{
    var blocking = new Courier(clock, new Timeline("Thread.Sleep: one after another"), TextWriter.Null);
    foreach (var (name, hours) in Meals())
    {
        blocking.Deliver(name, hours);
    }

    var pitfall = new Timeline("async with Thread.Sleep inside, gathered: still one after another");
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

    var awaiting = new Courier(clock, new Timeline("await Task.Delay, gathered"), TextWriter.Null);
    await Task.WhenAll(Meals().Select(m => awaiting.DeliverAsync(m.Name, m.Hours)));
    return TimelineChart.Compare(blocking.Timeline, pitfall, awaiting.Timeline);
}

Task<GenericChart> Lanes()
{
    var kitchen = new Kitchen(new Timeline("Parallel.For: eight CPU-bound dishes, a lane per thread"), Kitchen.UnitsFor(TimeSpan.FromMilliseconds(100)));
    Parallel.For(1, 9, dish => kitchen.CookDish(dish));
    return Task.FromResult(TimelineChart.ThreadLanes(kitchen.Timeline));
}

async Task<GenericChart> Big()
{
    const int deliveries = 100_000;
    var courier = new Courier(clock, new Timeline($"{deliveries:N0} deliveries, 1 to 3 hours each, gathered"), TextWriter.Null);
    await Task.WhenAll(Enumerable.Range(0, deliveries).Select(i => courier.DeliverAsync($"customer {i}", 1 + i % 201 / 100.0)));
    return TimelineChart.Gantt(courier.Timeline);
}

static (string Name, double Hours)[] Meals() => [("A", 1), ("B", 2), ("C", 3)];

/// <summary>One picture: its file name (without .png) in docs/images, its chart's title, and the code that makes the chart.</summary>
internal sealed record Shot(string File, string Title, Func<Task<GenericChart>> Make);
