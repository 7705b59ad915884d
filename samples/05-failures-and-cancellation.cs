#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 05 as a program: failures and cancellation. A delivery that fails (and where its exception goes), every
// outcome, cancellation, timeouts, and your own cancellable method (a token passed down, checked between CPU steps, and
// linked with a deadline), each next to its asyncio counterpart.
//   dotnet run samples/05-failures-and-cancellation.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "05-failures-and-cancellation",
    "a failing delivery, every outcome, cancellation, timeouts and your own cancellable method.",
    async options =>
    {
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        var (unlucky, dropsAfter, deadline) = Plan(options);
        double giveUpAt = deadline / 2; // section 5: the caller gives up before the deadline
        double longest = deliveries.Max(d => d.Mealtime);
        var table = new SummaryTable(clock, labelWidth: 14);

        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {unlucky} drops the plate after {Hours(dropsAfter)} h; {clock}.");

        Section("1. a failure: await Task.WhenAll(...) throws, but only once every delivery has ended");
        var failing = new Timeline("WhenAll with a failure: the others still finish", clock);
        Task<double>[] tasks = StartRound(new Courier(clock, failing));
        Task<double[]> gathered = Task.WhenAll(tasks);
        _ = gathered.ContinueWith(_ => failing.Mark("Task.WhenAll", "faulted"), TaskContinuationOptions.ExecuteSynchronously);
        try
        {
            await gathered;
        }
        catch (DeliveryFailedException e)
        {
            failing.Mark("caller", "caught");
            Console.WriteLine($"caught at {Stamp(failing)}: {e.Message}");
            Exception thrownByUnlucky = tasks[deliveries.Count / 2].Exception!.InnerException!;
            Console.WriteLine($"one exception object all the way: {unlucky}'s task holds it: {ReferenceEquals(thrownByUnlucky, e)}; " +
                              $"WhenAll's task holds {gathered.Exception!.InnerExceptions.Count}, the same one: {ReferenceEquals(gathered.Exception.InnerExceptions[0], e)}; " +
                              $"await threw it unwrapped ({e.GetType().Name}, not {gathered.Exception.GetType().Name})");
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

        Section($"5. your own cancellable method: a token passed down to Task.Delay, checked between CPU steps, and linked with a deadline");
        int dishes = deliveries.Count;
        int platingUnits = Kitchen.UnitsFor(TimeSpan.FromMilliseconds(2)); // a CPU step of about 2 ms on this machine
        var prepared = new Timeline("your own cancellable method: finished, the caller cancels, the deadline fires", clock);
        var finishedRun = await Attempt("finished", dishes + 1, callerCancelsAt: null);
        var callerRun = await Attempt("caller", deadline, callerCancelsAt: giveUpAt);
        var deadlineRun = await Attempt("deadline", deadline, callerCancelsAt: null);
        Console.WriteLine($"(Python: python3 samples/python/cancellable.py --dishes {dishes} --give-up-at {Hours(giveUpAt)} --deadline {Hours(deadline)}: CancelledError, then TimeoutError)");
        table.Add("prepare", finishedRun, $"{Hours(dishes)} h: {dishes} dishes, an hour of cooking each, and the plating's CPU steps");
        table.Add("caller cancels", callerRun, $"{Hours(giveUpAt)} h: the caller's token fired");
        table.Add("deadline fires", deadlineRun, $"{Hours(deadline)} h: the linked token's CancelAfter fired");

        table.Print();
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("failures.html", "05: B fails; WhenAll faults when every delivery has ended, then await rethrows", new[] { failing }),
                     ("timeouts.html", "05: WaitAsync stops waiting, CancelAfter cancels", new[] { waitOnly, cancelAfter }),
                     ("cancellable.html", "05: your own cancellable method: finished, the caller cancels, the deadline fires", new[] { finishedRun, callerRun, deadlineRun }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        string trace = ChromeTrace.Save([failing, settled, givingUp, waitOnly, cancelAfter, finishedRun, callerRun, deadlineRun],
            Path.Combine(options.OutputDirectory, "05-failures-and-cancellation.trace.json"));
        Console.WriteLine($"Trace of every round (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/06-completion-order-and-throttling.cs");
        return 0;

        // Your own cancellable method: the token is a parameter, passed down to every await and checked between CPU steps.
        async Task<int> PrepareAsync(Timeline timeline, int count, CancellationToken token)
        {
            for (int dish = 1; dish <= count; dish++)
            {
                using (timeline.Measure($"dish {dish}", Phase.Cooking))
                {
                    await Task.Delay(clock.ToRealTime(1), token); // one story hour; ends early, canceled, when the token fires
                }

                for (int step = 0; step < 4; step++) // plating: CPU work with no await, so check the token yourself
                {
                    token.ThrowIfCancellationRequested();
                    Kitchen.Cook(platingUnits);
                }
            }

            return count;
        }

        // A deadline on top of the caller's token: one linked token either may fire; then say which one did.
        async Task<Timeline> Attempt(string title, double within, double? callerCancelsAt)
        {
            var timeline = new Timeline($"{title}: deadline {Hours(within)} h" + (callerCancelsAt is { } at ? $", the caller cancels at {Hours(at)} h" : ""), clock);
            using var caller = callerCancelsAt is { } after ? new CancellationTokenSource(clock.ToRealTime(after)) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(caller.Token);
            linked.CancelAfter(clock.ToRealTime(within));
            string outcome;
            try
            {
                outcome = $"ready: {await PrepareAsync(timeline, dishes, linked.Token)} dishes";
            }
            catch (OperationCanceledException e) // the base type: Task.Delay throws TaskCanceledException, ThrowIfCancellationRequested OperationCanceledException
            {
                outcome = $"{e.GetType().Name}: {(caller.IsCancellationRequested ? "the caller" : "the deadline")} fired";
            }

            timeline.Mark("caller", "returned");
            Console.WriteLine($"{Stamp(timeline)} {title}: {outcome}");
            return timeline;
        }

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
        return [($"{unlucky}'s drop", dropsAfter), ("the deadline", deadline), ("the caller's give-up (half the deadline)", deadline / 2)];
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
