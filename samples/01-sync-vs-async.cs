#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 01 as a program: synchronous vs asynchronous, what a blocked thread costs, and the async method that still blocks.
//   dotnet run samples/01-sync-vs-async.cs -- --mealtimes 1,2,3 --scale 1
// The Python original beside it: python3 samples/python/sync.py --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

const double heartbeatHours = 0.25;

return await SampleArguments.RunAsync(args, "01-sync-vs-async",
    "the deliveries blocking (Thread.Sleep), async that still blocks, and truly asynchronous, compared.",
    async options =>
    {
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        double sum = deliveries.Sum(d => d.Mealtime), longest = deliveries.Max(d => d.Mealtime);

        Console.WriteLine("== synchronous: Courier.Deliver sleeps through each meal (Python: time.sleep)");
        var synchronous = new Timeline("synchronous: Thread.Sleep");
        var rider = new Courier(clock, synchronous);
        double[] syncResults = [.. deliveries.Select(d => rider.Deliver(d.Name, d.Mealtime))];
        Console.WriteLine($"results: [{Join(syncResults)}]");

        Console.WriteLine($"\n== a blocked thread does nothing else: a heartbeat every {Hours(heartbeatHours)} h on the same one thread");
        var blocked = await SingleThreadLoop.RunAsync(() => DeliverWithHeartbeat(blocking: true));
        var awaited = await SingleThreadLoop.RunAsync(() => DeliverWithHeartbeat(blocking: false));
        Console.WriteLine($"blocking (Deliver):            {blocked.Beats,3} heartbeat(s) in {StoryHours.FormatMeasured(blocked.Hours)} h");
        Console.WriteLine($"awaiting (await DeliverAsync): {awaited.Beats,3} heartbeat(s) in {StoryHours.FormatMeasured(awaited.Hours)} h (about {awaited.Hours / heartbeatHours:F0} expected)");

        Console.WriteLine("\n== the pitfall: an async method with Thread.Sleep inside, gathered with Task.WhenAll");
        var pitfall = new Timeline("async with Thread.Sleep inside: still one after another");
        double[] pitfallResults = await Task.WhenAll(deliveries.Select(d => PitfallDelivery(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{Join(pitfallResults)}]");

        Console.WriteLine("\n== asynchronous: await Task.Delay, gathered with Task.WhenAll (Python: asyncio.sleep + gather)");
        var asynchronous = new Timeline("asynchronous: await Task.Delay, gathered");
        var asyncRider = new Courier(clock, asynchronous);
        double[] asyncResults = await Task.WhenAll(deliveries.Select(d => asyncRider.DeliverAsync(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{Join(asyncResults)}]");

        var table = new SummaryTable(clock, labelWidth: 14);
        table.Add("synchronous", synchronous, $"the sum, {Hours(sum)} h");
        table.Add("pitfall", pitfall, $"the sum, {Hours(sum)} h: async that blocks is not concurrent");
        table.Add("asynchronous", asynchronous, $"the longest, {Hours(longest)} h");
        table.Print();

        string chart = ChartHtml.Save(TimelineChart.Compare(synchronous, pitfall, asynchronous),
            Path.Combine(options.OutputDirectory, "sync-pitfall-async.html"), "01: synchronous vs asynchronous");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        Console.WriteLine("Next: dotnet run samples/02-concurrency-vs-parallelism.cs");
        return 0;

        // The deliveries one after another on one thread, with a heartbeat that wants that same thread every heartbeatHours.
        async Task<(int Beats, double Hours)> DeliverWithHeartbeat(bool blocking)
        {
            int beats = 0;
            bool done = false;
            Task heart = Heartbeat();
            var courier = new Courier(clock, log: TextWriter.Null);
            foreach (var (name, mealtime) in deliveries)
            {
                if (blocking)
                {
                    courier.Deliver(name, mealtime); // holds the thread: the heartbeat cannot run
                }
                else
                {
                    await courier.DeliverAsync(name, mealtime); // lets go of it while waiting
                }
            }

            double hours = clock.ToHours(courier.Timeline.Elapsed);
            done = true;
            await heart;
            return (beats, hours);

            async Task Heartbeat()
            {
                while (!done)
                {
                    await clock.WaitAsync(heartbeatHours);
                    beats++;
                }
            }
        }

        async Task<double> PitfallDelivery(string name, double mealtime)
        {
            pitfall.Mark(name, Phase.Delivering);
            Say($"Delivered to {name}! (an async method, but it blocks)");
            using (pitfall.Measure(name, Phase.Eating))
            {
                Thread.Sleep(clock.ToRealTime(mealtime)); // blocks: the caller gets its Task only after the meal
            }

            Say($"{name} finished eating, took {Hours(mealtime)} h");
            pitfall.Mark(name, Phase.Collecting);
            Say($"{name}'s dishes collected");
            await Task.Yield(); // an await after the damage is done changes nothing
            return mealtime;
        }

        void Say(string line) => Console.WriteLine($"[t={StoryHours.FormatMeasured(clock.ToHours(pitfall.Now)),5} h] {line}");
    },
    waits: options => [("the heartbeat", heartbeatHours)]);

static string Hours(double hours) => StoryHours.Format(hours);

static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(Hours));
