#:project ../lib/DeliveryTimelines.csproj
// Notebook 04 as a program: asyncio.gather is Task.WhenAll.
//   dotnet run samples/04-gather-as-whenall.cs -- --mealtimes 1,2,3 --scale 1
// The Python original beside it: python3 samples/python/gather.py --mealtimes 1,2,3 --scale 1
using System.Globalization;
using DeliveryTimelines;

return await SampleArguments.RunAsync(args, "04-gather-as-whenall",
    "the deliveries gathered with Task.WhenAll, then one after another, compared on one chart.",
    async options =>
    {
        var deliveries = options.Deliveries;
        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {d.Mealtime} h"))}; {options.Clock}.");

        // Gathered: every delivery starts when it is called (a hot Task); WhenAll waits for the last one.
        Console.WriteLine("\n== gathered: await Task.WhenAll(...)");
        var concurrent = new Timeline("concurrent: Task.WhenAll");
        var courier = new Courier(options.Clock, concurrent);
        double[] results = await Task.WhenAll(deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{string.Join(", ", results.Select(r => r.ToString(CultureInfo.InvariantCulture)))}]");

        // One after another: await each delivery before starting the next.
        Console.WriteLine("\n== one after another: await each in turn");
        var sequential = new Timeline("sequential: await one at a time");
        var oneByOne = new Courier(options.Clock, sequential);
        var sequentialResults = new List<double>();
        foreach (var (name, mealtime) in deliveries)
        {
            sequentialResults.Add(await oneByOne.DeliverAsync(name, mealtime));
        }

        Console.WriteLine($"results: [{string.Join(", ", sequentialResults.Select(r => r.ToString(CultureInfo.InvariantCulture)))}]");

        Console.WriteLine();
        Console.WriteLine($"{"run",-12} {"story hours",12} {"seconds",9}   expected");
        Console.WriteLine($"{"sequential",-12} {options.Clock.ToHours(sequential.Elapsed),12:F2} {sequential.Elapsed.TotalSeconds,9:F2}   the sum, {deliveries.Sum(d => d.Mealtime)} h");
        Console.WriteLine($"{"gathered",-12} {options.Clock.ToHours(concurrent.Elapsed),12:F2} {concurrent.Elapsed.TotalSeconds,9:F2}   the longest, {deliveries.Max(d => d.Mealtime)} h");
        Console.WriteLine("(a little over the ideal: timers follow a ~4 ms tick, and the first run pays for JIT warm-up)");

        string chart = ChartHtml.Save(TimelineChart.Compare(sequential, concurrent),
            Path.Combine(options.OutputDirectory, "sequential-vs-gathered.html"), "04: sequential vs gathered");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        Console.WriteLine("Next: dotnet run samples/05-gather-in-depth.cs");
        return 0;
    });
