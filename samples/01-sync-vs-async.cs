#:project ../lib/DeliveryTimelines.csproj
// Notebook 01 as a program: synchronous vs asynchronous, and the async method that still blocks.
//   dotnet run samples/01-sync-vs-async.cs -- --mealtimes 1,2,3 --scale 1
// The Python original beside it: python3 samples/python/sync.py --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;

return await SampleArguments.RunAsync(args, "01-sync-vs-async",
    "the deliveries blocking (Thread.Sleep), async that still blocks, and truly asynchronous, compared.",
    async options =>
    {
        var deliveries = options.Deliveries;
        var clock = options.Clock;

        Console.WriteLine("== synchronous: Courier.Deliver sleeps through each meal");
        var synchronous = new Timeline("synchronous: Thread.Sleep");
        var rider = new Courier(clock, synchronous);
        foreach (var (name, mealtime) in deliveries)
        {
            rider.Deliver(name, mealtime);
        }

        Console.WriteLine("\n== the pitfall: an async method with Thread.Sleep inside, gathered with Task.WhenAll");
        var pitfall = new Timeline("async with Thread.Sleep inside: still one after another");
        await Task.WhenAll(deliveries.Select(d => PitfallDelivery(d.Name, d.Mealtime)));

        Console.WriteLine("\n== asynchronous: await Task.Delay, gathered with Task.WhenAll");
        var asynchronous = new Timeline("asynchronous: await Task.Delay, gathered");
        var asyncRider = new Courier(clock, asynchronous);
        await Task.WhenAll(deliveries.Select(d => asyncRider.DeliverAsync(d.Name, d.Mealtime)));

        Console.WriteLine();
        Console.WriteLine($"{"run",-14} {"story hours",12} {"seconds",9}");
        foreach (var (label, timeline) in new[] { ("synchronous", synchronous), ("pitfall", pitfall), ("asynchronous", asynchronous) })
        {
            Console.WriteLine($"{label,-14} {clock.ToHours(timeline.Elapsed),12:F2} {timeline.Elapsed.TotalSeconds,9:F2}");
        }

        Console.WriteLine("(the pitfall blocks the caller's thread, so Task.WhenAll has nothing left to overlap)");
        string chart = ChartHtml.Save(TimelineChart.Compare(synchronous, pitfall, asynchronous),
            Path.Combine(options.OutputDirectory, "sync-pitfall-async.html"), "01: synchronous vs asynchronous");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        return 0;

        async Task<double> PitfallDelivery(string name, double mealtime)
        {
            pitfall.Mark(name, Phase.Delivering);
            Console.WriteLine($"Delivered to {name}! (blocking)");
            using (pitfall.Measure(name, Phase.Eating))
            {
                Thread.Sleep(clock.ToRealTime(mealtime)); // blocks: the caller gets its Task only after the meal
            }

            pitfall.Mark(name, Phase.Collecting);
            Console.WriteLine($"{name}'s dishes collected");
            await Task.Yield();
            return mealtime;
        }
    });
