#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 04 as a program: asyncio.gather is Task.WhenAll.
//   dotnet run samples/04-gather-as-whenall.cs -- --mealtimes 1,2,3 --scale 1
// The Python original beside it: python3 samples/python/gather.py --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "04-gather-as-whenall",
    "the deliveries gathered with Task.WhenAll, then one after another, compared on one chart.",
    async options =>
    {
        var deliveries = options.Deliveries;
        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {StoryHours.Format(d.Mealtime)} h"))}; {options.Clock}.");

        // Gathered: every delivery starts when it is called (a hot Task); WhenAll waits for the last one.
        Console.WriteLine("\n== gathered: await Task.WhenAll(...)");
        var concurrent = new Timeline("concurrent: Task.WhenAll");
        var courier = new Courier(options.Clock, concurrent);
        double[] results = await Task.WhenAll(deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");

        // One after another: await each delivery before starting the next.
        Console.WriteLine("\n== one after another: await each in turn");
        var sequential = new Timeline("sequential: await one at a time");
        var oneByOne = new Courier(options.Clock, sequential);
        var sequentialResults = new List<double>();
        foreach (var (name, mealtime) in deliveries)
        {
            sequentialResults.Add(await oneByOne.DeliverAsync(name, mealtime));
        }

        Console.WriteLine($"results: [{string.Join(", ", sequentialResults.Select(StoryHours.Format))}]");

        var table = new SummaryTable(options.Clock, labelWidth: 12);
        table.Add("sequential", sequential, $"the sum, {StoryHours.Format(deliveries.Sum(d => d.Mealtime))} h");
        table.Add("gathered", concurrent, $"the longest, {StoryHours.Format(deliveries.Max(d => d.Mealtime))} h");
        table.Print();

        string chart = ChartHtml.Save(TimelineChart.Compare(sequential, concurrent),
            Path.Combine(options.OutputDirectory, "sequential-vs-gathered.html"), "04: sequential vs gathered");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        Console.WriteLine("Next: dotnet run samples/05-gather-in-depth.cs");
        return 0;
    });
