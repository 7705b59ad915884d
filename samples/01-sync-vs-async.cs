#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 01 as a program: hello, world; synchronous vs asynchronous; what a blocked thread costs; the async method that
// still blocks; and this machine's timer, measured.
//   dotnet run samples/01-sync-vs-async.cs -- --mealtimes 1,2,3 --scale 1
// The Python originals beside it: python3 samples/python/hello.py --scale 1, python3 samples/python/sync.py --mealtimes 1,2,3 --scale 1
// and python3 samples/python/start_then_await.py --mealtimes 1,2,3 --scale 1
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

        // The Python original's first example. asyncio.run(main()) starts an event loop and runs main(); C# has no loop to
        // start: this file's top-level statements await, so the compiler writes them an `async Task Main` (a program may
        // also declare `static async Task Main()` itself), and awaiting inside it is all it takes.
        Console.WriteLine("== hello, world: the Python original's first example (python3 samples/python/hello.py)");
        var hello = new Timeline("C#: hello, await, world", clock);
        Stamp("hello");
        await clock.WaitAsync(1); // await asyncio.sleep(1): one story hour, and no thread waits for it
        Stamp("world");
        PythonRun pythonHello = await PythonScript.RunAsync("hello.py", "--scale", clock.SecondsPerHour);
        Console.WriteLine(pythonHello); // the Python original beside it, at the same clock

        Console.WriteLine("\n== synchronous: Courier.Deliver sleeps through each meal (Python: time.sleep)");
        var synchronous = new Timeline("synchronous: Thread.Sleep", clock);
        var rider = new Courier(clock, synchronous);
        double[] syncResults = [.. deliveries.Select(d => rider.Deliver(d.Name, d.Mealtime))];
        Console.WriteLine($"results: [{Join(syncResults)}]");

        Console.WriteLine($"\n== a blocked thread does nothing else: a heartbeat every {Hours(heartbeatHours)} h on the same one thread");
        var blocked = new Timeline("blocking: Deliver holds the loop's only thread", clock);
        int blockedBeats = await SingleThreadLoop.RunAsync(() => DeliverWithHeartbeat(blocked, blocking: true));
        var awaited = new Timeline("awaiting: await DeliverAsync frees it", clock); // a timeline's clock starts when it is made
        int awaitedBeats = await SingleThreadLoop.RunAsync(() => DeliverWithHeartbeat(awaited, blocking: false));
        Console.WriteLine($"blocking (Deliver):            {blockedBeats,3} heartbeat(s) in {StoryHours.FormatMeasured(clock.ToHours(blocked.Elapsed))} h");
        Console.WriteLine($"awaiting (await DeliverAsync): {awaitedBeats,3} heartbeat(s) in {StoryHours.FormatMeasured(clock.ToHours(awaited.Elapsed))} h (at most {sum / heartbeatHours:F0} fit)");

        Console.WriteLine("\n== the pitfall: an async method with Thread.Sleep inside, every delivery started, then each awaited");
        var pitfall = new Timeline("async with Thread.Sleep inside: still one after another", clock);
        double[] pitfallResults = await StartEachThenAwait(PitfallDelivery); // each call eats before it returns its task
        Console.WriteLine($"results: [{Join(pitfallResults)}]");

        // CS1998 ("This async method lacks 'await' operators") was removed from the .NET 10 compiler: this method builds
        // without a word under this repository's warnings-as-errors settings, and runs to its end before the call returns.
        Task<double> noAwait = NoAwaitAtAll(longest);
        Console.WriteLine($"\nAn async method with no await compiled without a warning and was complete when the call returned: {noAwait.IsCompleted}");

        // Overlapping the waits: call every async method first (each starts at once), keep the tasks, then await each in
        // turn (Python: asyncio.create_task each, then await each). Notebook 04 introduces Task.WhenAll for this.
        Console.WriteLine("\n== asynchronous: await Task.Delay, every delivery started, then each awaited (Python: create_task, then await)");
        var asynchronous = new Timeline("asynchronous: every delivery started, then each awaited", clock);
        var asyncRider = new Courier(clock, asynchronous);
        double[] asyncResults = await StartEachThenAwait((name, mealtime) => asyncRider.DeliverAsync(name, mealtime));
        Console.WriteLine($"results: [{Join(asyncResults)}]");
        PythonRun pythonOverlap = await PythonScript.RunAsync("start_then_await.py", "--mealtimes", deliveries.Select(d => d.Mealtime), "--scale", clock.SecondsPerHour);
        Console.WriteLine(pythonOverlap); // the Python original beside it: create_task each, then await each

        var table = new SummaryTable(clock, labelWidth: 14);
        table.Add("hello, world", hello, "one story hour between them");
        if (pythonHello.Ran)
        {
            table.Add("hello.py", pythonHello.ToTimeline(), $"one story hour between them (Python {pythonHello.PythonVersion})");
        }

        table.Add("synchronous", synchronous, $"the sum, {Hours(sum)} h");
        table.Add("pitfall", pitfall, $"the sum, {Hours(sum)} h: async that blocks is not concurrent");
        table.Add("asynchronous", asynchronous, $"the longest, {Hours(longest)} h");
        if (pythonOverlap.Ran)
        {
            table.Add("Python overlap", pythonOverlap.ToTimeline(), $"the longest, {Hours(longest)} h (start_then_await.py, Python {pythonOverlap.PythonVersion})");
        }
        table.Print("the first run also pays for JIT warm-up, and a Task.Delay can even end early (the next line measures how early)");

        // Why none of them is exact: this machine's timer, measured now (notebook 01, "Why the hours are not exact").
        TimerBehavior timer = await TimerProbe.MeasureAsync();
        Console.WriteLine($"\n{timer}");
        double tickHours = timer.Tick.TotalSeconds / StoryClock.MinSecondsPerHour; // the same waits for Python: one and three ticks
        Console.WriteLine(await PythonScript.RunAsync("sleep_probe.py", "--scale", StoryClock.MinSecondsPerHour, "--mealtimes", new[] { tickHours, 3 * tickHours }));

        string chart = ChartHtml.Save(TimelineChart.Compare(synchronous, pitfall, asynchronous),
            Path.Combine(options.OutputDirectory, "sync-pitfall-async.html"), "01: synchronous vs asynchronous");
        string heartbeats = ChartHtml.Save(TimelineChart.Compare(blocked, awaited),
            Path.Combine(options.OutputDirectory, "heartbeat.html"), "01: a blocked thread does nothing else");
        string trace = ChromeTrace.Save([hello, pythonHello.ToTimeline(), synchronous, blocked, awaited, pitfall, asynchronous, pythonOverlap.ToTimeline()],
            Path.Combine(options.OutputDirectory, "01-sync-vs-async.trace.json"));
        Console.WriteLine($"\nCharts (open offline in any browser): {chart}, {heartbeats}");
        Console.WriteLine($"Trace of every run (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/02-concurrency-vs-parallelism.cs");
        return 0;

        // The deliveries one after another on one thread, with the library's Heartbeat wanting that same thread every
        // heartbeatHours: blocking lets no beat through until the round is over; awaiting lets every beat run about on time.
        async Task<int> DeliverWithHeartbeat(Timeline timeline, bool blocking)
        {
            await using var heartbeat = Heartbeat.Start(clock, heartbeatHours, timeline);
            var courier = new Courier(clock, timeline, log: TextWriter.Null);
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

            return await heartbeat.StopAsync();
        }

        void Stamp(string word)
        {
            hello.Mark("main", word);
            Console.WriteLine($"[t={StoryHours.FormatMeasured(clock.ToHours(hello.Now)),5} h] {word}");
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

        // Starts every delivery (an async method runs at its call up to its first real wait), then awaits each in order.
        async Task<double[]> StartEachThenAwait(Func<string, double, Task<double>> deliver)
        {
            var started = new List<Task<double>>();
            foreach (var (name, mealtime) in deliveries)
            {
                started.Add(deliver(name, mealtime));
            }

            var results = new List<double>();
            foreach (Task<double> task in started)
            {
                results.Add(await task);
            }

            return [.. results];
        }

        void Say(string line) => Console.WriteLine($"[t={StoryHours.FormatMeasured(clock.ToHours(pitfall.Now)),5} h] {line}");
    },
    waits: options => [("the heartbeat", heartbeatHours)]);

static async Task<double> NoAwaitAtAll(double mealtime) => mealtime;

static string Hours(double hours) => StoryHours.Format(hours);

static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(Hours));
