#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 02 as a program: concurrency (overlapping waits on one thread), how the thread pool grows when blocking calls
// hold its threads, and parallelism (cooking on every core).
//   dotnet run samples/02-concurrency-vs-parallelism.cs -- --mealtimes 1,2,3 --scale 1
using System.Diagnostics;
using System.Globalization;
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "02-concurrency-vs-parallelism",
    "deliveries overlapping on one thread and on the thread pool, blocking calls on the pool, then CPU-bound cooking on one core and on every core.",
    async options =>
    {
        const int dishes = 8, rounds = 3, blockingMilliseconds = 2_000;
        int cores = Environment.ProcessorCount;
        ThreadPool.GetMinThreads(out int minWorkers, out _);
        var clock = options.Clock;
        Console.WriteLine($"{cores} core(s); the thread pool's minimum is {minWorkers} worker threads.{(cores == 1 ? " With one core, parallel cooking cannot be faster: watch the speedup stay near 1." : "")}");

        int count = options.Deliveries.Count;
        Console.WriteLine($"\n== concurrency: {count} deliveries on one thread (SingleThreadLoop, an event loop like asyncio's), and the same on the thread pool, at the same time");
        var onOneThread = new Timeline($"{count} deliveries on one thread (an event loop)", clock);
        var onThePool = new Timeline($"{count} deliveries on the thread pool", clock);
        // Every delivery started, then each awaited in turn (notebook 01); notebook 04 introduces Task.WhenAll for this.
        Task<double[]> loopRun = SingleThreadLoop.RunAsync(() => StartEachThenAwait(new Courier(clock, onOneThread)));
        Task<double[]> poolRun = StartEachThenAwait(new Courier(clock, onThePool, TextWriter.Null)); // quiet: the loop's courier prints for both
        double[] results = await loopRun;
        await poolRun;
        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");
        string sum = StoryHours.Format(options.Deliveries.Sum(d => d.Mealtime));
        Console.WriteLine($"{StoryHours.FormatMeasured(clock.ToHours(onOneThread.Elapsed))} story hours for meals adding up to {sum} h, on {ThreadsUsed(onOneThread)} thread(s): the waits overlapped, nothing ran at the same time");
        Console.WriteLine($"{StoryHours.FormatMeasured(clock.ToHours(onThePool.Elapsed))} story hours on the pool, on {ThreadsUsed(onThePool)} thread(s): whichever was free when a meal ended");

        Console.WriteLine($"\n== blocking holds a thread, and the thread pool grows slowly past its minimum: calls that each block a pool thread for {blockingMilliseconds} ms, " +
                          "queued one at a time while each gets a thread at once, then two more behind the first that does not");
        var blocked = new Timeline($"blocking calls on the thread pool, Thread.Sleep({blockingMilliseconds}) each");
        PoolGrowthResult growth = await PoolGrowth.MeasureAsync(blocked, TimeSpan.FromMilliseconds(blockingMilliseconds), queuedBehind: 2);
        Console.WriteLine(growth);

        Console.WriteLine($"\n== parallelism: cooking {dishes} dishes of about 100 ms, a warm-up round (the JIT compiles on first use) then {rounds} rounds; the fastest round of each kitchen counts");
        int units = Kitchen.UnitsFor(TimeSpan.FromMilliseconds(100));
        var everyCore = new ParallelOptions { MaxDegreeOfParallelism = cores };
        var timed = new List<(Kitchen OneCook, Kitchen EveryCore, Kitchen TaskRun)>();
        var coresGot = new Dictionary<Kitchen, double>(); // CPU time the process got per second of a Parallel.For run
        for (int round = 0; round <= rounds; round++)
        {
            string name = round == 0 ? "warm-up" : $"round {round}";
            var oneCook = new Kitchen(new Timeline("one cook: a for loop"), units);
            for (int dish = 1; dish <= dishes; dish++)
            {
                oneCook.CookDish(dish);
            }

            var parallelFor = new Kitchen(new Timeline("Parallel.For: every core"), units);
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            Parallel.For(1, dishes + 1, everyCore, dish => parallelFor.CookDish(dish));
            coresGot[parallelFor] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore) / parallelFor.Timeline.Elapsed;

            var taskRun = new Kitchen(new Timeline("Task.Run per dish + WhenAll"), units);
            await Task.WhenAll(Enumerable.Range(1, dishes).Select(dish => Task.Run(() => taskRun.CookDish(dish))));

            Console.WriteLine($"{name,-8} one cook {Ms(oneCook),7} | Parallel.For {Ms(parallelFor),6}, {Lanes(parallelFor)}, CPU of {coresGot[parallelFor]:F1} cores | Task.Run {Ms(taskRun),6}, {Lanes(taskRun)}");
            if (round > 0)
            {
                timed.Add((oneCook, parallelFor, taskRun));
            }
        }

        var asyncRounds = new List<Kitchen>();
        for (int round = 1; round <= rounds; round++)
        {
            var asyncOnly = new Kitchen(new Timeline("async methods, no Task.Run"), units);
            await Task.WhenAll(Enumerable.Range(1, dishes).Select(async dish =>
            {
                ulong checksum = asyncOnly.CookDish(dish); // nothing to await: runs right here, one after another
                await Task.CompletedTask;
                return checksum;
            }));
            asyncRounds.Add(asyncOnly);
        }

        Kitchen fastestOneCook = Fastest(timed.Select(r => r.OneCook)), fastestEveryCore = Fastest(timed.Select(r => r.EveryCore)),
            fastestTaskRun = Fastest(timed.Select(r => r.TaskRun)), fastestAsyncOnly = Fastest(asyncRounds);
        Console.WriteLine($"\nthe fastest of {rounds} rounds:");
        Console.WriteLine($"{"kitchen",-28} {"ms",7} {"speedup",8} {"threads",8} {"at once",8}");
        foreach (Kitchen kitchen in new[] { fastestOneCook, fastestEveryCore, fastestTaskRun, fastestAsyncOnly })
        {
            Console.WriteLine($"{kitchen.Timeline.Title,-28} {kitchen.Timeline.Elapsed.TotalMilliseconds,7:F0} {fastestOneCook.Timeline.Elapsed / kitchen.Timeline.Elapsed,8:F2} {ThreadsUsed(kitchen.Timeline),8} {kitchen.Timeline.MostAtOnce(Phase.Cooking),8}");
        }

        Console.WriteLine($"in its fastest round Parallel.For's process got the CPU time of {coresGot[fastestEveryCore]:F1} cores: on a shared machine other programs take some, and no speedup can beat what is left");
        Console.WriteLine($"(the ceiling is ×{Math.Min(cores, dishes)}: {cores} core(s), {dishes} dishes. A lane is a thread, not a core: Parallel.For never cooks more than {cores} at once,");
        Console.WriteLine(" though which pool threads join it can change. More threads than cores buy nothing for CPU work,");
        Console.WriteLine(" and async alone runs the dishes one after another on the calling thread: async is for waiting well)");

        Console.WriteLine("\n== the same in Python: python3 samples/python/gil.py (the GIL: one thread runs Python at a time)");
        PythonRun gil = await PythonScript.RunAsync("gil.py", "--dishes", dishes);
        Console.WriteLine(gil);
        if (gil.Ran)
        {
            double Speedup(string way) => gil.Result("speedup", way).GetDouble();
            Console.WriteLine($"Python {gil.PythonVersion}: asyncio x{Speedup("asyncio"):F2}; threads x{Speedup("threads"):F2} ({gil.Result("threads")} threads took turns under the GIL); " +
                $"processes x{Speedup("processes"):F2}. C#'s Parallel.For: x{fastestOneCook.Timeline.Elapsed / fastestEveryCore.Timeline.Elapsed:F2}, in one process.");
        }

        Console.WriteLine();
        foreach (var (file, chart) in new[]
                 {
                     ("one-thread-vs-pool-deliveries.html", TimelineChart.Compare(onOneThread, onThePool)),
                     ("one-cook-lanes.html", TimelineChart.ThreadLanes(fastestOneCook.Timeline)),
                     ("every-core-lanes.html", TimelineChart.ThreadLanes(fastestEveryCore.Timeline)),
                     ("task-run-lanes.html", TimelineChart.ThreadLanes(fastestTaskRun.Timeline)),
                     ("blocking-calls-lanes.html", TimelineChart.ThreadLanes(blocked)),
                 })
        {
            Console.WriteLine($"Chart (opens offline in any browser): {ChartHtml.Save(chart, Path.Combine(options.OutputDirectory, file))}");
        }

        string trace = ChromeTrace.Save(
            [onOneThread, onThePool, fastestOneCook.Timeline, fastestEveryCore.Timeline, fastestTaskRun.Timeline, blocked],
            Path.Combine(options.OutputDirectory, "02-concurrency-vs-parallelism.trace.json"), TraceTracks.PerThread);
        Console.WriteLine($"Trace of every run, a track per thread (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/03-coroutines-as-async-methods.cs");
        return 0;

        async Task<double[]> StartEachThenAwait(Courier courier)
        {
            var started = options.Deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime)).ToList(); // every meal under way
            var results = new List<double>();
            foreach (Task<double> task in started)
            {
                results.Add(await task);
            }

            return [.. results];
        }
    });

static int ThreadsUsed(Timeline timeline) => timeline.Snapshot().Select(s => s.ThreadId).Distinct().Count();

static string Ms(Kitchen kitchen) => $"{kitchen.Timeline.Elapsed.TotalMilliseconds:F0} ms";

static string Lanes(Kitchen kitchen) => $"{ThreadsUsed(kitchen.Timeline)} thread(s), at most {kitchen.Timeline.MostAtOnce(Phase.Cooking)} at once";

static Kitchen Fastest(IEnumerable<Kitchen> runs) => runs.MinBy(kitchen => kitchen.Timeline.Elapsed)!;
