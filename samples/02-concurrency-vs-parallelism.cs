#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 02 as a program: concurrency (overlapping waits on one thread) vs parallelism (cooking on every core).
//   dotnet run samples/02-concurrency-vs-parallelism.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "02-concurrency-vs-parallelism",
    "deliveries overlapping on one thread, then CPU-bound cooking on one core and on every core.",
    async options =>
    {
        const int dishes = 8;
        int cores = Environment.ProcessorCount;
        var clock = options.Clock;
        Console.WriteLine($"{cores} core(s).{(cores == 1 ? " With one core, parallel cooking cannot be faster: watch the speedup stay near 1." : "")}");

        int count = options.Deliveries.Count;
        Console.WriteLine($"\n== concurrency: {count} deliveries on one thread (SingleThreadLoop, an event loop like asyncio's)");
        var onOneThread = new Timeline($"{count} deliveries on one thread (an event loop)");
        double[] results = await SingleThreadLoop.RunAsync(async () =>
        {
            var courier = new Courier(clock, onOneThread);
            return await Task.WhenAll(options.Deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime)));
        });
        var threads = onOneThread.Snapshot().Select(s => s.ThreadId).Distinct().ToArray();
        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");
        Console.WriteLine($"{StoryHours.FormatMeasured(clock.ToHours(onOneThread.Elapsed))} story hours for meals adding up to {StoryHours.Format(options.Deliveries.Sum(d => d.Mealtime))} h, on {threads.Length} thread(s): the waits overlapped, nothing ran at the same time");

        Console.WriteLine($"\n== parallelism: cooking {dishes} dishes of about 100 ms");
        int units = Kitchen.UnitsFor(TimeSpan.FromMilliseconds(100));
        var oneCook = new Kitchen(new Timeline("one cook: a for loop"), units);
        for (int dish = 1; dish <= dishes; dish++)
        {
            oneCook.CookDish(dish);
        }

        var everyCore = new Kitchen(new Timeline("Parallel.For: every core"), units);
        Parallel.For(1, dishes + 1, new ParallelOptions { MaxDegreeOfParallelism = cores }, dish => everyCore.CookDish(dish));

        var taskRun = new Kitchen(new Timeline("Task.Run per dish + WhenAll"), units);
        await Task.WhenAll(Enumerable.Range(1, dishes).Select(dish => Task.Run(() => taskRun.CookDish(dish))));

        var asyncOnly = new Kitchen(new Timeline("async methods, no Task.Run"), units);
        await Task.WhenAll(Enumerable.Range(1, dishes).Select(async dish =>
        {
            ulong checksum = asyncOnly.CookDish(dish); // nothing to await: runs right here, one after another
            await Task.CompletedTask;
            return checksum;
        }));

        Console.WriteLine($"{"kitchen",-28} {"ms",7} {"speedup",8} {"threads",8}");
        foreach (var kitchen in new[] { oneCook, everyCore, taskRun, asyncOnly })
        {
            Console.WriteLine($"{kitchen.Timeline.Title,-28} {kitchen.Timeline.Elapsed.TotalMilliseconds,7:F0} {oneCook.Timeline.Elapsed / kitchen.Timeline.Elapsed,8:F2} {kitchen.Timeline.Snapshot().Select(s => s.ThreadId).Distinct().Count(),8}");
        }

        Console.WriteLine($"(the ceiling is ×{Math.Min(cores, dishes)}: {cores} core(s), {dishes} dishes. More threads than cores buy nothing for CPU work,");
        Console.WriteLine(" and async alone runs the dishes one after another on the calling thread: async is for waiting well)");
        Console.WriteLine();
        foreach (var (file, chart) in new[]
                 {
                     ("one-thread-deliveries.html", TimelineChart.Gantt(onOneThread)),
                     ("one-cook-lanes.html", TimelineChart.ThreadLanes(oneCook.Timeline)),
                     ("every-core-lanes.html", TimelineChart.ThreadLanes(everyCore.Timeline)),
                     ("task-run-lanes.html", TimelineChart.ThreadLanes(taskRun.Timeline)),
                 })
        {
            Console.WriteLine($"Chart (opens offline in any browser): {ChartHtml.Save(chart, Path.Combine(options.OutputDirectory, file))}");
        }

        Console.WriteLine("Next: dotnet run samples/03-coroutines-as-async-methods.cs");
        return 0;
    });
