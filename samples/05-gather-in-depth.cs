#:project ../lib/DeliveryTimelines.csproj
// Notebook 05 as a program: gather in depth. A delivery that fails, every outcome, completion order, timeouts,
// cancellation, throttling and a task group, each next to its asyncio counterpart.
//   dotnet run samples/05-gather-in-depth.cs -- --mealtimes 1,2,3 --scale 1
using System.Globalization;
using DeliveryTimelines;

return await SampleArguments.RunAsync(args, "05-gather-in-depth",
    "a failing delivery, every outcome, completion order, timeouts, cancellation, throttling and a task group.",
    async options =>
    {
        const int riders = 2;               // throttling: how many deliveries may be under way at once
        const double dropAt = 0.75;         // the failing customer drops the plate this far into the meal
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        string unlucky = deliveries[deliveries.Count / 2].Name;   // B in the story: the delivery that fails
        double longest = deliveries.Max(d => d.Mealtime);
        double deadline = Math.Max(longest - 0.5, longest / 2);   // a deadline the longest meal misses
        var rows = new List<(string Run, Timeline Timeline, string Expected)>();

        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {unlucky} will drop the plate; {clock}.");

        Section("1. a failure: await Task.WhenAll(...) throws the exception, but only once every delivery has ended");
        var failing = new Timeline("WhenAll with a failure: the others still finish");
        Task<double>[] tasks = [.. deliveries.Select(d => DeliverOrDrop(failing, d.Name, d.Mealtime))];
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"caught at {Stamp(failing)}: {e.Message}");
        }

        Console.WriteLine($"outcomes: {Outcomes(tasks)}");
        Console.WriteLine($"(nothing cancelled the others. Python's gather raises at once, at {Hours(FailsAt())} h, and leaves the others running)");
        rows.Add(("one fails", failing, $"the longest, {Hours(longest)} h: WhenAll waits for all, then throws"));

        Section("2. every outcome: read each task after WhenAll (gather(..., return_exceptions=True))");
        var outcomes = new Timeline("every outcome");
        tasks = [.. deliveries.Select(d => DeliverOrDrop(outcomes, d.Name, d.Mealtime))];
        await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // wait for all, throw nothing
        string[] results = [.. tasks.Select(t => t.IsCompletedSuccessfully ? Hours(t.Result) : $"{t.Exception!.InnerException!.GetType().Name}: {t.Exception.InnerException.Message}")];
        Console.WriteLine($"results: [{string.Join(", ", results)}]");
        rows.Add(("every outcome", outcomes, $"the longest, {Hours(longest)} h, a result or an exception each"));

        Section("3. completion order: await foreach (var t in Task.WhenEach(...)) (asyncio.as_completed)");
        var inOrder = new Timeline("completion order");
        var quiet = new Courier(clock, inOrder, TextWriter.Null);
        Task<double>[] ordered = [.. deliveries.Select(d => quiet.DeliverAsync(d.Name, d.Mealtime))];
        var finished = new List<string>();
        await foreach (Task<double> done in Task.WhenEach(ordered))
        {
            string name = deliveries[Array.IndexOf(ordered, done)].Name;
            finished.Add(name);
            Console.WriteLine($"{Stamp(inOrder)} {name} is done ({Hours(await done)} h)");
        }

        Console.WriteLine($"completion order: {string.Join(", ", finished)}; WhenAll's results stay in argument order: [{string.Join(", ", ordered.Select(t => Hours(t.Result)))}]");
        Console.WriteLine("(try --mealtimes 3,1,2 to see the two orders differ)");
        rows.Add(("as completed", inOrder, $"the longest, {Hours(longest)} h, shortest meal first"));

        Section($"4a. a timeout that only stops waiting: task.WaitAsync({Hours(deadline)} h)");
        var waitOnly = new Timeline("WaitAsync: stops waiting, the meal goes on");
        var timedCourier = new Courier(clock, waitOnly);
        Task<double[]> all = Task.WhenAll(deliveries.Select(d => timedCourier.DeliverAsync(d.Name, d.Mealtime)));
        try
        {
            await all.WaitAsync(clock.ToRealTime(deadline));
        }
        catch (TimeoutException)
        {
            waitOnly.Mark("caller", "gave up waiting");
            Console.WriteLine($"{Stamp(waitOnly)} TimeoutException: the caller gave up waiting; the deliveries are {(all.IsCompleted ? "done" : "still under way")}");
        }

        await all; // await everything you start: the meals still end, nobody was cancelled
        Console.WriteLine("(unlike asyncio.wait_for, which cancels the task it gives up on: in .NET, cancelling takes a token)");
        rows.Add(("WaitAsync", waitOnly, $"gives up at {Hours(deadline)} h; the meals still end at {Hours(longest)} h"));

        Section($"4b. a timeout that cancels: CancellationTokenSource.CancelAfter({Hours(deadline)} h) (asyncio.timeout)");
        var cancelled = new Timeline("CancelAfter: the late meal is cancelled");
        var cancellingCourier = new Courier(clock, cancelled);
        using (var timeout = new CancellationTokenSource(clock.ToRealTime(deadline)))
        {
            tasks = [.. deliveries.Select(d => cancellingCourier.DeliverAsync(d.Name, d.Mealtime, timeout.Token))];
            await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Console.WriteLine($"outcomes: {Outcomes(tasks)}");
        rows.Add(("CancelAfter", cancelled, $"{Hours(Math.Min(deadline, longest))} h: every meal past the deadline is cancelled"));

        Section($"5. throttling: at most {riders} deliveries at a time with SemaphoreSlim({riders}) (asyncio.Semaphore)");
        var throttled = new Timeline($"SemaphoreSlim({riders}): {riders} at a time");
        var throttledCourier = new Courier(clock, throttled);
        using (var semaphore = new SemaphoreSlim(riders))
        {
            double[] throttledResults = await Task.WhenAll(deliveries.Select(async d =>
            {
                await semaphore.WaitAsync();
                try
                {
                    return await throttledCourier.DeliverAsync(d.Name, d.Mealtime);
                }
                finally
                {
                    semaphore.Release();
                }
            }));
            Console.WriteLine($"results: [{string.Join(", ", throttledResults.Select(Hours))}]");
        }

        Console.WriteLine($"\nthe same limit with Parallel.ForEachAsync(..., MaxDegreeOfParallelism = {riders}):");
        var forEach = new Timeline($"Parallel.ForEachAsync: {riders} at a time");
        var forEachCourier = new Courier(clock, forEach);
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = riders },
            async (d, token) => await forEachCourier.DeliverAsync(d.Name, d.Mealtime, token));
        double throttledIdeal = Throttled(deliveries.Select(d => d.Mealtime), riders);
        rows.Add(($"{riders} at a time", throttled, $"{Hours(throttledIdeal)} h: a new delivery starts as one ends"));
        rows.Add(("ForEachAsync", forEach, $"{Hours(throttledIdeal)} h, the same schedule"));

        Section("6. a task group: the first failure cancels the rest (asyncio.TaskGroup)");
        var group = new Timeline("task group: a failure cancels the others");
        using (var scope = new CancellationTokenSource())
        {
            tasks = [.. deliveries.Select(d => CancelOthersOnFailure(DeliverOrDrop(group, d.Name, d.Mealtime, scope.Token), scope))];
            try
            {
                await Task.WhenAll(tasks);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine($"caught at {Stamp(group)}: {e.Message}");
            }
        }


        Console.WriteLine($"outcomes: {Outcomes(tasks)}");
        Console.WriteLine("(Python's TaskGroup raises an ExceptionGroup of every failure; await rethrows the first, Task.Exception holds them all)");
        rows.Add(("task group", group, $"{Hours(FailsAt())} h: ends when {unlucky} fails"));

        Console.WriteLine();
        Console.WriteLine($"{"run",-14} {"story hours",12} {"seconds",9}   expected");
        foreach (var (run, timeline, expected) in rows)
        {
            Console.WriteLine($"{run,-14} {clock.ToHours(timeline.Elapsed),12:F2} {timeline.Elapsed.TotalSeconds,9:F2}   {expected}");
        }

        Console.WriteLine("(a little over the ideal: timers follow a ~4 ms tick, and the first run pays for JIT warm-up)");
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("failures.html", "05: a failure, gathered and in a task group", new[] { failing, group }),
                     ("timeouts.html", "05: WaitAsync stops waiting, CancelAfter cancels", new[] { waitOnly, cancelled }),
                     ("throttling.html", "05: throttled deliveries", new[] { throttled, forEach }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        Console.WriteLine("Next: dotnet run samples/06-beyond-gather.cs");
        return 0;

        // A delivery through the story's courier, except for the unlucky customer, who drops the plate partway through the meal.
        async Task<double> DeliverOrDrop(Timeline timeline, string name, double mealtime, CancellationToken token = default)
        {
            if (name != unlucky)
            {
                return await new Courier(clock, timeline).DeliverAsync(name, mealtime, token);
            }

            timeline.Mark(name, Phase.Delivering);
            Console.WriteLine($"{Stamp(timeline)} Delivered to {name}!");
            TimeSpan start = timeline.Now;
            try
            {
                await clock.WaitAsync(mealtime * dropAt, token);
            }
            finally
            {
                timeline.Record(name, Phase.Eating, start, timeline.Now);
            }

            timeline.Mark(name, "failed");
            Console.WriteLine($"{Stamp(timeline)} {name} dropped the plate: the delivery failed");
            throw new InvalidOperationException($"{name} dropped the plate");
        }

        // The task group's rule: when one member fails, cancel the others through the token they all share.
        static async Task<double> CancelOthersOnFailure(Task<double> member, CancellationTokenSource scope)
        {
            try
            {
                return await member;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await scope.CancelAsync();
                throw;
            }
        }

        double FailsAt() => deliveries.First(d => d.Name == unlucky).Mealtime * dropAt;

        string Outcomes(Task<double>[] outcomes) => string.Join(", ", deliveries.Select((d, i) => $"{d.Name} {outcomes[i].Status}"));

        string Stamp(Timeline timeline) => $"[t={clock.ToHours(timeline.Now),5:F2} h]";
    });

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

// When every meal runs as soon as one of the riders is free, in argument order: the end of the last one.
static double Throttled(IEnumerable<double> mealtimes, int riders)
{
    var free = new PriorityQueue<int, double>();
    for (int rider = 0; rider < riders; rider++)
    {
        free.Enqueue(rider, 0);
    }

    double end = 0;
    foreach (double mealtime in mealtimes)
    {
        free.TryDequeue(out int rider, out double at);
        end = Math.Max(end, at + mealtime);
        free.Enqueue(rider, at + mealtime);
    }

    return end;
}
