#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 05 as a program: gather in depth. A delivery that fails, every outcome, cancellation, timeouts, completion
// order, throttling and a task group, each next to its asyncio counterpart.
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
        var failing = new Timeline("WhenAll with a failure: the others still finish");
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
        var settled = new Timeline("every outcome");
        Outcome<double>[] outcomes = await Outcome.WhenAllSettled(StartRound(new Courier(clock, settled, TextWriter.Null)));
        Console.WriteLine($"outcomes: [{string.Join(", ", outcomes)}]");
        table.Add("every outcome", settled, $"the longest, {Hours(longest)} h, a result or an exception each");

        Section($"3. cancellation: the customers give up at {Hours(deadline)} h, through one token (task.cancel())");
        var givingUp = new Timeline("the customers give up");
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
        var waitOnly = new Timeline("WaitAsync: stops waiting, the meals go on");
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
        var cancelAfter = new Timeline("CancelAfter: the late meal is cancelled");
        var cancelAfterCourier = new Courier(clock, cancelAfter, TextWriter.Null);
        using (var timeout = new CancellationTokenSource(clock.ToRealTime(deadline)))
        {
            outcomes = await Outcome.WhenAllSettled(deliveries.Select(d => cancelAfterCourier.DeliverAsync(d.Name, d.Mealtime, timeout.Token)));
        }

        Console.WriteLine($"outcomes: [{string.Join(", ", outcomes)}]");
        table.Add("CancelAfter", cancelAfter, $"{Hours(Math.Min(deadline, longest))} h: every meal past the deadline is cancelled");

        Section("5. completion order: await foreach (var t in Task.WhenEach(...)) (asyncio.as_completed)");
        var inOrder = new Timeline("completion order");
        var quiet = new Courier(clock, inOrder, TextWriter.Null);
        // Each task carries its customer's name in its result, because two calls can return the same Task object. A
        // delivery of 0 hours completes before it returns, with 0.0; and on .NET 10 an async method that completes at
        // once with a common result (the default of its result type, such as 0.0 or null; also true, and the ints -1
        // to 8) returns one cached task, shared by every such call: DeliverAsync("A", 0) and DeliverAsync("B", 0) are
        // the same object. A task is not an identity: finding a finished task's name by looking the task up
        // (Array.IndexOf, a Dictionary keyed by Task) finds the first of the equal ones and prints "A, A, A".
        Task<(string Name, double Hours)>[] ordered = [.. deliveries.Select(async d => (d.Name, Hours: await quiet.DeliverAsync(d.Name, d.Mealtime)))];
        var finished = new List<string>();
        await foreach (Task<(string Name, double Hours)> done in Task.WhenEach(ordered))
        {
            var (name, hours) = await done;
            finished.Add(name);
            Console.WriteLine($"{Stamp(inOrder)} {name}'s dishes are back ({Hours(hours)} h)");
        }

        Console.WriteLine($"completion order: {string.Join(", ", finished)}; WhenAll's results stay in argument order: [{string.Join(", ", (await Task.WhenAll(ordered)).Select(r => Hours(r.Hours)))}]");
        Console.WriteLine("(try --mealtimes 3,1,2 to see the two orders differ)");
        table.Add("as completed", inOrder, $"the longest, {Hours(longest)} h, shortest meal first");

        Section($"6. throttling: at most {riders} deliveries at a time with SemaphoreSlim({riders}) (asyncio.Semaphore)");
        var throttled = new Timeline($"SemaphoreSlim({riders}): {riders} at a time");
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

        var forEach = new Timeline($"Parallel.ForEachAsync: {riders} at a time");
        var forEachCourier = new Courier(clock, forEach, TextWriter.Null);
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = riders },
            async (d, token) => await forEachCourier.DeliverAsync(d.Name, d.Mealtime, token));
        Console.WriteLine($"at most {throttled.MostAtOnce(Phase.Eating)} meals at once with SemaphoreSlim, {forEach.MostAtOnce(Phase.Eating)} with Parallel.ForEachAsync");
        double throttledIdeal = IdealSchedule.Throttled(deliveries.Select(d => d.Mealtime), riders);
        table.Add($"{riders} at a time", throttled, $"{Hours(throttledIdeal)} h: a new delivery starts as one ends");
        table.Add("ForEachAsync", forEach, $"{Hours(throttledIdeal)} h, the same schedule");

        Section("7. a task group: the first failure cancels the rest (asyncio.TaskGroup)");
        var grouped = new Timeline("task group: a failure cancels the others");
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
                     ("throttling.html", "05: throttled deliveries", new[] { throttled, forEach }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        Console.WriteLine("Next: dotnet run samples/06-beyond-gather.cs");
        return 0;

        // One round, every delivery started at once; the unlucky customer drops the plate partway through the meal.
        Task<double>[] StartRound(Courier courier) =>
            [.. deliveries.Select(d => d.Name == unlucky ? courier.DeliverAndDropAsync(d.Name, dropsAfter) : courier.DeliverAsync(d.Name, d.Mealtime))];

        string Statuses(Task<double>[] outcomes) => string.Join(", ", deliveries.Select((d, i) => $"{d.Name} {outcomes[i].Status}"));

        string Stamp(Timeline timeline) => $"[t={StoryHours.FormatMeasured(clock.ToHours(timeline.Now)),5} h]";
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

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => StoryHours.Format(hours);
