#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 05 as a program: gather in depth. A delivery that fails, every outcome, cancellation, timeouts, completion
// order (and why a task is not a name), throttling (and Parallel.ForEachAsync's default and first failure) and a task
// group, each next to its asyncio counterpart.
//   dotnet run samples/05-gather-in-depth.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

const int riders = 2;               // throttling: how many deliveries may be under way at once

return await SampleArguments.RunAsync(args, "05-gather-in-depth",
    "a failing delivery, every outcome, cancellation, timeouts, completion order, throttling and a task group.",
    async options =>
    {
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        var (unlucky, dropsAfter, deadline) = Plan(options);
        double longest = deliveries.Max(d => d.Mealtime);
        var table = new SummaryTable(clock, labelWidth: 14);

        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {unlucky} drops the plate after {Hours(dropsAfter)} h; {clock}.");

        Section("1. a failure: await Task.WhenAll(...) throws, but only once every delivery has ended");
        var failing = new Timeline("WhenAll with a failure: the others still finish", clock);
        Task<double>[] tasks = StartRound(new Courier(clock, failing));
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (DeliveryFailedException e)
        {
            Console.WriteLine($"caught at {Stamp(failing)}: {e.Message}");
        }

        Console.WriteLine($"statuses: {Statuses(tasks)}");
        Console.WriteLine($"(nothing cancelled the others. Python's gather raises at once, at {Hours(dropsAfter)} h, and leaves the others running)");
        table.Add("one fails", failing, $"the longest, {Hours(longest)} h: WhenAll waits for all, then throws");

        Section("2. every outcome: Outcome.WhenAllSettled (gather(..., return_exceptions=True))");
        var settled = new Timeline("every outcome", clock);
        Outcome<double>[] outcomes = await Outcome.WhenAllSettled(StartRound(new Courier(clock, settled, TextWriter.Null)));
        Console.WriteLine($"outcomes: [{string.Join(", ", outcomes)}]");
        table.Add("every outcome", settled, $"the longest, {Hours(longest)} h, a result or an exception each");
        Console.WriteLine($"(WhenAllSettled awaits with SuppressThrowing, which also leaves the caller's context; back on a one-thread loop's thread after it: " +
                          $"{await BackOnTheLoop(ConfigureAwaitOptions.SuppressThrowing)}, after SuppressThrowing | ContinueOnCapturedContext: " +
                          $"{await BackOnTheLoop(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext)})");

        Section($"3. cancellation: the customers give up at {Hours(deadline)} h, through one token (task.cancel())");
        var givingUp = new Timeline("the customers give up", clock);
        var givingUpCourier = new Courier(clock, givingUp, TextWriter.Null);
        using (var giveUp = new CancellationTokenSource())
        {
            tasks = [.. deliveries.Select(d => givingUpCourier.DeliverAsync(d.Name, d.Mealtime, giveUp.Token))];
            await clock.WaitAsync(deadline);
            TimeSpan cancelledAt = givingUp.Now;
            await giveUp.CancelAsync();
            await Outcome.WhenAllSettled(tasks); // wait until every delivery has stopped: no orphans
            Console.WriteLine($"statuses: {Statuses(tasks)}; all ended {(givingUp.Now - cancelledAt).TotalMilliseconds:F1} ms after Cancel()");
        }

        table.Add("give up", givingUp, $"{Hours(deadline)} h: every meal still going is cancelled");

        Section($"4a. a timeout that only stops waiting: task.WaitAsync({Hours(deadline)} h)");
        var waitOnly = new Timeline("WaitAsync: stops waiting, the meals go on", clock);
        var waitOnlyCourier = new Courier(clock, waitOnly, TextWriter.Null);
        Task<double[]> all = Task.WhenAll(deliveries.Select(d => waitOnlyCourier.DeliverAsync(d.Name, d.Mealtime)));
        try
        {
            await all.WaitAsync(clock.ToRealTime(deadline));
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"{Stamp(waitOnly)} TimeoutException: the caller gave up waiting; the deliveries are {(all.IsCompleted ? "done" : "still under way")}");
        }

        await all; // await everything you start: the meals still end, nobody was cancelled
        Console.WriteLine($"{Stamp(waitOnly)} the meals ended anyway (asyncio.wait_for would have cancelled them)");
        table.Add("WaitAsync", waitOnly, $"gives up at {Hours(deadline)} h; the meals still end at {Hours(longest)} h");

        Section($"4b. a timeout that cancels: new CancellationTokenSource({Hours(deadline)} h) (asyncio.timeout)");
        var cancelAfter = new Timeline("CancelAfter: the late meal is cancelled", clock);
        var cancelAfterCourier = new Courier(clock, cancelAfter, TextWriter.Null);
        using (var timeout = new CancellationTokenSource(clock.ToRealTime(deadline)))
        {
            outcomes = await Outcome.WhenAllSettled(deliveries.Select(d => cancelAfterCourier.DeliverAsync(d.Name, d.Mealtime, timeout.Token)));
        }

        Console.WriteLine($"outcomes: [{string.Join(", ", outcomes)}]");
        table.Add("CancelAfter", cancelAfter, $"{Hours(Math.Min(deadline, longest))} h: every meal past the deadline is cancelled");

        Section("5. completion order: await foreach (var t in Task.WhenEach(...)) (asyncio.as_completed)");
        var inOrder = new Timeline("completion order", clock);
        var quiet = new Courier(clock, inOrder, TextWriter.Null);
        Task<(string Name, double Hours)>[] ordered = [.. deliveries.Select(d => Named(quiet, d.Name, d.Mealtime))];
        var finished = new List<string>();
        await foreach (Task<(string Name, double Hours)> done in Task.WhenEach(ordered))
        {
            var (name, hours) = await done; // the name came back with the result
            finished.Add(name);
            inOrder.Mark("caller", "handled");
            Console.WriteLine($"{Stamp(inOrder)} {name}'s dishes are back ({Hours(hours)} h)");
        }

        Console.WriteLine($"completion order: {string.Join(", ", finished)}; WhenAll's results stay in argument order: [{string.Join(", ", ordered.Select(t => Hours(t.Result.Hours)))}]");
        Console.WriteLine("(try --mealtimes 3,1,2 to see the two orders differ)");
        table.Add("as completed", inOrder, $"the longest, {Hours(longest)} h, shortest meal first");

        Section("5b. a task is not a name: two 0-hour meals get the same cached, completed Task<double>");
        (string Name, double Mealtime)[] zeroMeals = [("A", 0), ("B", 0), ("C", 0.5)];
        var zeroCourier = new Courier(clock, new Timeline("zero-hour meals", clock), TextWriter.Null);
        Task<double>[] zeroTasks = [.. zeroMeals.Select(d => zeroCourier.DeliverAsync(d.Name, d.Mealtime))];
        var lookedUp = new List<string>();
        await foreach (Task<double> done in Task.WhenEach(zeroTasks))
        {
            lookedUp.Add(zeroMeals[Array.IndexOf(zeroTasks, done)].Name); // finds the first index of that object
        }

        var carried = new List<string>();
        await foreach (Task<(string Name, double Hours)> done in Task.WhenEach(zeroMeals.Select(d => Named(zeroCourier, d.Name, d.Mealtime))))
        {
            carried.Add((await done).Name);
        }

        Console.WriteLine($"A's and B's tasks are the same object: {ReferenceEquals(zeroTasks[0], zeroTasks[1])}");
        Console.WriteLine($"names looked up by task: {string.Join(", ", lookedUp)}; carried with the result: {string.Join(", ", carried)}");
        Console.WriteLine("(asyncio's create_task makes a new task every time: python3 samples/python/task_identity.py --mealtimes 0,0,0.5)");

        Section($"6. throttling: at most {riders} deliveries at a time with SemaphoreSlim({riders}) (asyncio.Semaphore)");
        var throttled = new Timeline($"SemaphoreSlim({riders}): {riders} at a time", clock);
        var throttledCourier = new Courier(clock, throttled, TextWriter.Null);
        using (var freeRiders = new SemaphoreSlim(riders))
        {
            await Task.WhenAll(deliveries.Select(async d =>
            {
                await freeRiders.WaitAsync();
                try
                {
                    return await throttledCourier.DeliverAsync(d.Name, d.Mealtime);
                }
                finally
                {
                    freeRiders.Release();
                }
            }));
        }

        var forEach = new Timeline($"Parallel.ForEachAsync: {riders} at a time", clock);
        var forEachCourier = new Courier(clock, forEach, TextWriter.Null);
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = riders },
            async (d, token) => await forEachCourier.DeliverAsync(d.Name, d.Mealtime, token));
        Console.WriteLine($"at most {throttled.MostAtOnce(Phase.Eating)} meals at once with SemaphoreSlim, {forEach.MostAtOnce(Phase.Eating)} with Parallel.ForEachAsync");
        double throttledIdeal = IdealSchedule.Throttled(deliveries.Select(d => d.Mealtime), riders);
        table.Add($"{riders} at a time", throttled, $"{Hours(throttledIdeal)} h: a new delivery starts as one ends");
        table.Add("ForEachAsync", forEach, $"{Hours(throttledIdeal)} h, the same schedule");

        int cores = Environment.ProcessorCount;
        Section($"6b. Parallel.ForEachAsync with no limit runs ProcessorCount ({cores}) bodies at once, and stops at the first failure");
        (string Name, double Mealtime)[] manyOrders = [.. Enumerable.Range(0, 3 * cores).Select(i => (Customers.Name(i), 1.0))];
        string dropper = manyOrders[cores].Name; // the first order of the second round
        var forEachFails = new Timeline($"Parallel.ForEachAsync, no limit: {dropper} drops the plate", clock);
        var forEachFailsCourier = new Courier(clock, forEachFails, TextWriter.Null);
        Task forEachRun = Parallel.ForEachAsync(manyOrders, async (order, token) =>
        {
            if (order.Name == dropper)
            {
                await forEachFailsCourier.DeliverAndDropAsync(order.Name, 0.5, token);
            }
            else
            {
                await forEachFailsCourier.DeliverAsync(order.Name, order.Mealtime, token);
            }
        });
        try
        {
            await forEachRun;
        }
        catch (DeliveryFailedException e)
        {
            Console.WriteLine($"{Stamp(forEachFails)} await threw {e.GetType().Name}: {e.Message}");
        }

        TimelineSpan[] forEachSpans = forEachFails.Snapshot();
        string[] forEachStarted = [.. forEachSpans.Where(s => s.Phase == Phase.Delivering).Select(s => s.Name)];
        Console.WriteLine($"at most {forEachFails.MostAtOnce(Phase.Eating)} at once; started {forEachStarted.Length} of {manyOrders.Length}; " +
                          $"cancelled: {string.Join(", ", forEachSpans.Where(s => s.Phase == Phase.Cancelled).Select(s => s.Name))}; " +
                          $"never started: {string.Join(", ", manyOrders.Select(o => o.Name).Except(forEachStarted))}");
        Console.WriteLine($"the task holds {forEachRun.Exception!.InnerExceptions.Count}: {string.Join(", ", forEachRun.Exception.InnerExceptions.Select(e => e.GetType().Name))}");
        table.Add("ForEach fails", forEachFails, "1.5 h: the second round's failure cancels the rest; the third never starts");

        Section("7. a task group: the first failure cancels the rest (asyncio.TaskGroup)");
        var grouped = new Timeline("task group: a failure cancels the others", clock);
        var groupedCourier = new Courier(clock, grouped, TextWriter.Null);
        await using (var group = new TaskGroup())
        {
            tasks = [.. deliveries.Select(d => d.Name == unlucky
                ? group.Run(token => groupedCourier.DeliverAndDropAsync(d.Name, dropsAfter, token))
                : group.Run(token => groupedCourier.DeliverAsync(d.Name, d.Mealtime, token)))];
            try
            {
                await group.WhenAllAsync();
            }
            catch (AggregateException e)
            {
                Console.WriteLine($"caught at {Stamp(grouped)}: AggregateException of {e.InnerExceptions.Count}: {string.Join("; ", e.InnerExceptions.Select(x => x.Message))}");
            }
        }

        Console.WriteLine($"statuses: {Statuses(tasks)}");
        Console.WriteLine("(Python's TaskGroup raises an ExceptionGroup of every failure; here, an AggregateException)");
        table.Add("task group", grouped, $"{Hours(dropsAfter)} h: ends when {unlucky} fails");

        table.Print();
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("failures.html", "05: a failure, gathered and in a task group", new[] { failing, grouped }),
                     ("timeouts.html", "05: WaitAsync stops waiting, CancelAfter cancels", new[] { waitOnly, cancelAfter }),
                     ("completion-order.html", "05: each delivery handled as it ends (Task.WhenEach)", new[] { inOrder }),
                     ("throttling.html", "05: throttled deliveries, and Parallel.ForEachAsync's first failure", new[] { throttled, forEach, forEachFails }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        string trace = ChromeTrace.Save([failing, grouped, waitOnly, cancelAfter, inOrder, throttled, forEach, forEachFails],
            Path.Combine(options.OutputDirectory, "05-gather-in-depth.trace.json"));
        Console.WriteLine($"Trace of every round (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/07-beyond-gather.cs");
        return 0;

        // One round, every delivery started at once; the unlucky customer drops the plate partway through the meal.
        Task<double>[] StartRound(Courier courier) =>
            [.. deliveries.Select(d => d.Name == unlucky ? courier.DeliverAndDropAsync(d.Name, dropsAfter) : courier.DeliverAsync(d.Name, d.Mealtime))];

        string Statuses(Task<double>[] outcomes) => string.Join(", ", deliveries.Select((d, i) => $"{d.Name} {outcomes[i].Status}"));

        string Stamp(Timeline timeline) => $"[t={StoryHours.FormatMeasured(clock.ToHours(timeline.Now)),5} h]";

        // On a loop with one thread, as in asyncio: is the code after the await back on the loop's thread?
        Task<bool> BackOnTheLoop(ConfigureAwaitOptions options) => SingleThreadLoop.RunAsync(async () =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            await clock.WaitAsync(0.05).ConfigureAwait(options);
            return Environment.CurrentManagedThreadId == loopThread;
        });
    },
    waits: options =>
    {
        var (unlucky, dropsAfter, deadline) = Plan(options);
        return [($"{unlucky}'s drop", dropsAfter), ("the deadline", deadline)];
    });

// Who fails and when, and the deadline of the timeouts: B in the story drops the plate 3/4 into the meal, and the
// deadline is one the longest meal misses.
static (string Unlucky, double DropsAfter, double Deadline) Plan(SampleOptions options)
{
    var (unlucky, mealtime) = options.Deliveries[options.Deliveries.Count / 2];
    double longest = options.Deliveries.Max(d => d.Mealtime);
    return (unlucky, mealtime * 0.75, Math.Max(longest - 0.5, longest / 2));
}

// A delivery that hands back whose it was: a task alone does not say (two calls may even return the same task object).
static async Task<(string Name, double Hours)> Named(Courier courier, string name, double mealtime) =>
    (name, await courier.DeliverAsync(name, mealtime));

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => StoryHours.Format(hours);
