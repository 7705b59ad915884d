#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 00 as a program: check that everything works, and a taste of the series.
//   dotnet run samples/00-start-here.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "00-start-here",
    "checks the setup and gathers the deliveries once, as a taste of the series.",
    async options =>
    {
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} core(s), {options.Clock}.");
        Console.WriteLine("\n== a taste: the deliveries gathered with Task.WhenAll (asyncio.gather)");
        var taste = new Timeline("a taste: three deliveries gathered", options.Clock);
        var courier = new Courier(options.Clock, taste);
        double[] results = await Task.WhenAll(options.Deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");
        Console.WriteLine($"gathered in {StoryHours.FormatMeasured(options.Clock.ToHours(taste.Elapsed))} story hours; one after another would take {StoryHours.Format(options.Deliveries.Sum(d => d.Mealtime))} h.");
        Console.WriteLine("\nNext: dotnet run samples/01-sync-vs-async.cs, or open notebooks/01-sync-vs-async.ipynb.");
        string chart = ChartHtml.Save(TimelineChart.Gantt(taste), Path.Combine(options.OutputDirectory, "taste.html"), "00: a taste");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        Console.WriteLine($"Trace (open in ui.perfetto.dev or chrome://tracing): {ChromeTrace.Save([taste], Path.Combine(options.OutputDirectory, "00-taste.trace.json"))}");
        return 0;
    });
