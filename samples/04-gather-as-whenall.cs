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

        // Gathered: every delivery starts when WhenAll enumerates the Select (a deferred recipe) and calls DeliverAsync;
        // each call starts its delivery at once (a hot Task); WhenAll waits for the last one.
        Console.WriteLine("\n== gathered: await Task.WhenAll(...)");
        var concurrent = new Timeline("concurrent: Task.WhenAll", options.Clock);
        int started = 0, startedBySelect;
        double[] results;
        using (var progress = new TerminalProgress(deliveries, options.Clock)) // a bar per delivery while they run
        {
            var courier = new Courier(options.Clock, concurrent, progress.Log);
            IEnumerable<Task<double>> recipe = deliveries.Select(d =>
            {
                started++;
                return courier.DeliverAsync(d.Name, d.Mealtime);
            });
            startedBySelect = started;
            results = await progress.FollowAsync(concurrent, Task.WhenAll(recipe));
        }

        Console.WriteLine($"results: [{Numbers(results)}]");
        Console.WriteLine($"(deliveries.Select(...) started {startedBySelect} deliveries by itself; WhenAll enumerated it once and started {started})");

        // Asynchronous: the calls written longest meal first end in their own order; WhenAll keeps the argument order.
        Console.WriteLine("\n== asynchronous: the calls written longest meal first");
        var writtenOrder = deliveries.OrderByDescending(d => d.Mealtime).ToArray();
        var finishTimeline = new Timeline("written longest first", options.Clock);
        var finishCourier = new Courier(options.Clock, finishTimeline);
        double[] inArgumentOrder = await Task.WhenAll(writtenOrder.Select(d => finishCourier.DeliverAsync(d.Name, d.Mealtime)).ToArray());
        string[] finishOrder = [.. finishTimeline.Snapshot().Where(s => s.Phase == Phase.Eating).OrderBy(s => s.End).Select(s => s.Name)];
        Console.WriteLine($"written: {string.Join(", ", writtenOrder.Select(d => d.Name))}; the meals ended: {string.Join(", ", finishOrder)}; WhenAll's results: [{Numbers(inArgumentOrder)}] (argument order)");

        // Failures: WhenAll waits for every task, then await throws the first failure in argument order; the task holds all.
        Console.WriteLine("\n== failures: three other customers; P eats 1 h, Q drops the plate at 2 h, R at 0.5 h");
        var failCourier = new Courier(options.Clock, new Timeline("failures", options.Clock));
        Task<double[]> failing = Task.WhenAll(failCourier.DeliverAsync("P", 1), failCourier.DeliverAndDropAsync("Q", 2), failCourier.DeliverAndDropAsync("R", 0.5));
        try
        {
            await failing;
        }
        catch (DeliveryFailedException e)
        {
            string held = string.Join(", ", failing.Exception!.InnerExceptions.OfType<DeliveryFailedException>().Select(f => f.Name));
            Console.WriteLine($"await threw {e.Name}'s failure (the first in argument order); the task holds: {held}");
        }

        // WhenAll starts nothing: calls made an hour before the gather ran meanwhile; Python's coroutines start when gathered.
        const double late = 1;
        Console.WriteLine($"\n== late: the deliveries made, the caller busy for {StoryHours.Format(late)} h, then gathered");
        Task<PythonRun> pythonLateRun = PythonScript.RunAsync("gather_late.py", "--mealtimes", deliveries.Select(d => d.Mealtime), "--late", late, "--scale", options.Clock.SecondsPerHour);
        var lateTimeline = new Timeline("late", options.Clock);
        var lateCourier = new Courier(options.Clock, lateTimeline);
        Task<double>[] madeEarly = [.. deliveries.Select(d => lateCourier.DeliverAsync(d.Name, d.Mealtime))];   // ToArray: each call starts now
        await options.Clock.WaitAsync(late);
        await Task.WhenAll(madeEarly);
        Console.WriteLine($"C#: gathered after {StoryHours.Format(late)} h, done after {options.Clock.ToHours(lateTimeline.Elapsed):F2} h");
        PythonRun pythonLate = await pythonLateRun;
        Console.WriteLine(pythonLate.Ran
            ? $"Python: gathered after {StoryHours.Format(late)} h, done after {pythonLate.Result("hours").GetDouble():F2} h (python3 samples/python/gather_late.py)"
            : $"Python: {pythonLate.Skipped}");

        // One after another: await each delivery before starting the next.
        Console.WriteLine("\n== one after another: await each in turn");
        var sequential = new Timeline("sequential: await one at a time", options.Clock);
        var oneByOne = new Courier(options.Clock, sequential);
        var sequentialResults = new List<double>();
        foreach (var (name, mealtime) in deliveries)
        {
            sequentialResults.Add(await oneByOne.DeliverAsync(name, mealtime));
        }

        Console.WriteLine($"results: [{Numbers(sequentialResults)}]");

        // The Python original, run beside at the same clock.
        Console.WriteLine("\n== the Python original beside it: python3 samples/python/gather.py");
        PythonRun python = await PythonScript.RunAsync("gather.py", "--mealtimes", deliveries.Select(d => d.Mealtime), "--scale", options.Clock.SecondsPerHour);
        Console.WriteLine(python);

        var table = new SummaryTable(options.Clock, labelWidth: 14);
        table.Add("sequential", sequential, $"the sum, {StoryHours.Format(deliveries.Sum(d => d.Mealtime))} h");
        table.Add("gathered", concurrent, $"the longest, {StoryHours.Format(deliveries.Max(d => d.Mealtime))} h");
        if (python.Ran)
        {
            table.Add("asyncio.gather", python.ToTimeline(), $"the longest, {StoryHours.Format(deliveries.Max(d => d.Mealtime))} h (Python {python.PythonVersion})");
        }

        table.Print();

        string chart = ChartHtml.Save(TimelineChart.Compare(sequential, concurrent),
            Path.Combine(options.OutputDirectory, "sequential-vs-gathered.html"), "04: sequential vs gathered");
        string besidePython = ChartHtml.Save(TimelineChart.Compare(concurrent, python.ToTimeline()),
            Path.Combine(options.OutputDirectory, "csharp-vs-python.html"), "04: Task.WhenAll beside asyncio.gather");
        string trace = ChromeTrace.Save([sequential, concurrent, python.ToTimeline()], Path.Combine(options.OutputDirectory, "04-gather.trace.json"));
        Console.WriteLine($"\nCharts (open offline in any browser): {chart}, {besidePython}");
        Console.WriteLine($"Trace of all three runs (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/05-failures-and-cancellation.cs");
        return 0;
    });

static string Numbers(IEnumerable<double> values) => string.Join(", ", values.Select(StoryHours.Format));
