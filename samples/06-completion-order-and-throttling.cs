#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 06 as a program: completion order (and why a task is not a name), throttling (and Parallel.ForEachAsync's
// default and first failure), mutual exclusion across awaits (SemaphoreSlim(1, 1) as an async lock) and a task group,
// in plain .NET and with the course library's TaskGroup, each next to its asyncio counterpart.
//   dotnet run samples/06-completion-order-and-throttling.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

const int riders = 2;               // throttling: how many deliveries may be under way at once
const int tippers = 5;              // the tip jar: deliveries tipping at once
const int tipsEach = 4;             // the tip jar: coins each of them drops in, one at a time
const double coinHours = 0.05;      // the tip jar: counting one coin, the await between the read and the write

return await SampleArguments.RunAsync(args, "06-completion-order-and-throttling",
    "completion order, throttling, an async lock across awaits and a task group.",
    async options =>
    {
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        var (unlucky, dropsAfter) = WhoDrops(options);
        double longest = deliveries.Max(d => d.Mealtime);
        var table = new SummaryTable(clock, labelWidth: 14);

        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {unlucky} drops the plate after {Hours(dropsAfter)} h; {clock}.");

        Section("1. completion order: await foreach (var t in Task.WhenEach(...)) (asyncio.as_completed)");
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

        Section("1b. a task is not a name: two 0-hour meals get the same cached, completed Task<double>");
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

        Section($"2. throttling: at most {riders} deliveries at a time with SemaphoreSlim({riders}) (asyncio.Semaphore)");
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
        Section($"2b. Parallel.ForEachAsync with no limit runs ProcessorCount ({cores}) bodies at once, and stops at the first failure");
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

        Section($"3. mutual exclusion across awaits: {tippers} deliveries drop {tipsEach} coins each into one jar, counting each coin ({Hours(coinHours)} h) between the read and the write");
        Console.WriteLine("(an await inside a lock statement does not compile: error CS1996, Cannot await in the body of a lock statement)");
        int jar = 0;
        var tipping = new Timeline("the tip jar: unguarded, then under SemaphoreSlim(1, 1)", clock);
        var unguardedTips = await TipAll("coin, unguarded", async (who, phase) =>
        {
            int seen = jar;                   // read
            await clock.WaitAsync(coinHours); // count the coin: the others read the same total meanwhile
            jar = seen + 1;                   // write: overwrites what they added
            tipping.Mark(who, phase);
        });
        using (var jarLock = new SemaphoreSlim(1, 1)) // one permit: an async lock (asyncio.Lock)
        {
            var guardedTips = await TipAll("coin, guarded", async (who, phase) =>
            {
                await jarLock.WaitAsync();
                try
                {
                    int seen = jar;
                    await clock.WaitAsync(coinHours);
                    jar = seen + 1;
                    tipping.Mark(who, phase);
                }
                finally
                {
                    jarLock.Release();
                }
            });
            Console.WriteLine($"unguarded: {unguardedTips.Coins} of {tippers * tipsEach} coins in the jar, {tippers * tipsEach - unguardedTips.Coins} lost, in {StoryHours.FormatMeasured(unguardedTips.Hours)} h");
            Console.WriteLine($"under SemaphoreSlim(1, 1): {guardedTips.Coins} of {tippers * tipsEach} coins in the jar, {tippers * tipsEach - guardedTips.Coins} lost, in {StoryHours.FormatMeasured(guardedTips.Hours)} h");
        }

        Console.WriteLine($"(Python: python3 samples/python/shared_counter.py --riders {tippers} --rounds {tipsEach}: losses with an await inside the update, none under asyncio.Lock)");

        Section("4. a task group: the first failure cancels the rest (asyncio.TaskGroup)");
        var plainGroup = new Timeline("plain .NET: a shared token the first failure cancels, and WhenAll", clock);
        var plainCourier = new Courier(clock, plainGroup, TextWriter.Null);
        Task<double>[] tasks;
        using (var group = new CancellationTokenSource())
        {
            tasks = [.. deliveries.Select(d => d.Name == unlucky
                ? Member(group, token => plainCourier.DeliverAndDropAsync(d.Name, dropsAfter, token))
                : Member(group, token => plainCourier.DeliverAsync(d.Name, d.Mealtime, token)))];
            Task<double[]> all = Task.WhenAll(tasks);
            try
            {
                await all;
            }
            catch (DeliveryFailedException)
            {
                Console.WriteLine($"caught at {Stamp(plainGroup)}: WhenAll's task holds {all.Exception!.InnerExceptions.Count}: {string.Join("; ", all.Exception.InnerExceptions.Select(x => x.Message))}");
            }
        }

        Console.WriteLine($"plain .NET statuses: {Statuses(tasks)}");
        table.Add("plain group", plainGroup, $"{Hours(dropsAfter)} h: ends when {unlucky} fails");

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

        Console.WriteLine($"TaskGroup statuses: {Statuses(tasks)}");
        Console.WriteLine("(Python's TaskGroup raises an ExceptionGroup of every failure; here, an AggregateException)");
        table.Add("task group", grouped, $"{Hours(dropsAfter)} h: ends when {unlucky} fails");

        table.Print();
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("completion-order.html", "06: each delivery handled as it ends (Task.WhenEach)", new[] { inOrder }),
                     ("throttling.html", "06: throttled deliveries, and Parallel.ForEachAsync's first failure", new[] { throttled, forEach, forEachFails }),
                     ("tip-jar.html", "06: coins into one jar, unguarded and under SemaphoreSlim(1, 1)", new[] { tipping }),
                     ("task-group.html", "06: B fails; a task group cancels the others, in plain .NET and with TaskGroup", new[] { plainGroup, grouped }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        string trace = ChromeTrace.Save([inOrder, throttled, forEach, forEachFails, tipping, plainGroup, grouped],
            Path.Combine(options.OutputDirectory, "06-completion-order-and-throttling.trace.json"));
        Console.WriteLine($"Trace of every round (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/07-beyond-gather.cs");
        return 0;

        string Statuses(Task<double>[] outcomes) => string.Join(", ", deliveries.Select((d, i) => $"{d.Name} {outcomes[i].Status}"));

        string Stamp(Timeline timeline) => $"[t={StoryHours.FormatMeasured(clock.ToHours(timeline.Now)),5} h]";

        // tippers deliveries at once, each adding tipsEach coins one after another; how many reached the jar, and how long it took.
        async Task<(int Coins, double Hours)> TipAll(string phase, Func<string, string, Task> addCoin)
        {
            jar = 0;
            TimeSpan start = tipping.Now;
            await Task.WhenAll(Enumerable.Range(0, tippers).Select(async i =>
            {
                for (int coin = 0; coin < tipsEach; coin++)
                {
                    await addCoin(Customers.Name(i), phase);
                }
            }));
            return (jar, clock.ToHours(tipping.Now - start));
        }
    },
    waits: options =>
    {
        var (unlucky, dropsAfter) = WhoDrops(options);
        return [($"{unlucky}'s drop", dropsAfter), ("counting a coin", coinHours)];
    });

// Who fails and when: B in the story drops the plate 3/4 into the meal.
static (string Unlucky, double DropsAfter) WhoDrops(SampleOptions options)
{
    var (unlucky, mealtime) = options.Deliveries[options.Deliveries.Count / 2];
    return (unlucky, mealtime * 0.75);
}

// One member of a plain .NET task group: it runs with the group's token, and its failure cancels the group.
static async Task<double> Member(CancellationTokenSource group, Func<CancellationToken, Task<double>> work)
{
    try
    {
        return await work(group.Token);
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        await group.CancelAsync(); // the first failure cancels everyone else
        throw;
    }
}

// A delivery that hands back whose it was: a task alone does not say (two calls may even return the same task object).
static async Task<(string Name, double Hours)> Named(Courier courier, string name, double mealtime) =>
    (name, await courier.DeliverAsync(name, mealtime));

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => StoryHours.Format(hours);
