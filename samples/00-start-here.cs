#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 00 as a program: check that everything works, one delivery in plain .NET and then with the course's helpers,
// and a taste of the series: the deliveries one after another.
//   dotnet run samples/00-start-here.cs -- --mealtimes 1,2,3 --scale 1
using System.Diagnostics;
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "00-start-here",
    "checks the setup, makes one delivery in plain .NET, and delivers one after another as a taste of the series.",
    async options =>
    {
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} core(s), {options.Clock}.");

        // One delivery with nothing but .NET: story hours turned into a TimeSpan by hand, a Stopwatch, a list of spans.
        var (firstName, firstMeal) = options.Deliveries[0];
        Console.WriteLine($"\n== one delivery in plain .NET: await Task.Delay(TimeSpan.FromSeconds({StoryHours.Format(firstMeal)} * {StoryHours.Format(options.SecondsPerHour)}))");
        var spans = new List<(string Name, TimeSpan Start, TimeSpan End)>();
        var watch = Stopwatch.StartNew();
        var start = watch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(firstMeal * options.SecondsPerHour)); // the meal: no thread waits while it lasts
        spans.Add((firstName, start, watch.Elapsed));
        foreach (var (name, from, to) in spans)
        {
            Console.WriteLine($"span: {name} ate from {from.TotalSeconds:F3} s to {to.TotalSeconds:F3} s ({options.Clock.ToHours(to - from):F2} story hours)");
        }

        // The same with the course's helpers: StoryClock (hours <-> real time, checked), Courier (the delivery, printed and
        // recorded), Timeline (the spans, drawn as a chart).
        Console.WriteLine("\n== a taste: the deliveries one after another (notebook 04 gathers them with Task.WhenAll)");
        var taste = new Timeline("a taste: one delivery after another", options.Clock);
        var courier = new Courier(options.Clock, taste);
        var results = new List<double>();
        foreach (var (name, mealtime) in options.Deliveries)
        {
            results.Add(await courier.DeliverAsync(name, mealtime));
        }

        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");
        Console.WriteLine($"one after another in {StoryHours.FormatMeasured(options.Clock.ToHours(taste.Elapsed))} story hours; the meals add up to {StoryHours.Format(options.Deliveries.Sum(d => d.Mealtime))} h, the longest is {StoryHours.Format(options.Deliveries.Max(d => d.Mealtime))} h.");
        Console.WriteLine("\nNext: dotnet run samples/01-sync-vs-async.cs, or open notebooks/01-sync-vs-async.ipynb.");
        string chart = ChartHtml.Save(TimelineChart.Gantt(taste), Path.Combine(options.OutputDirectory, "taste.html"), "00: a taste");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        Console.WriteLine($"Trace (open in ui.perfetto.dev or chrome://tracing): {ChromeTrace.Save([taste], Path.Combine(options.OutputDirectory, "00-taste.trace.json"))}");
        return 0;
    });
