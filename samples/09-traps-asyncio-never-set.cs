#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 09 as a program: the traps asyncio never set. Deferred LINQ, shared state on pool threads, where an exception
// comes out, the captured context and the .Result deadlock, Task.WhenAny, and async lambdas that become async void;
// each with the code that bites, a check of what happened (✔ or ✘), and the fix.
//   dotnet run samples/09-traps-asyncio-never-set.cs -- --mealtimes 1,2,3 --scale 1
// The Python originals beside it: samples/python/gather_twice.py, shared_counter.py, where_it_raises.py,
// blocking_the_loop.py, first_completed.py, async_callbacks.py.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DeliveryTimelines;
using SampleSupport;

const string Name = "09-traps-asyncio-never-set";
return await SampleArguments.RunAsync(args, Name,
    "deferred LINQ, lost updates on pool threads, where exceptions come out, the .Result deadlock, Task.WhenAny and async void lambdas.",
    async options =>
    {
        var deliveries = options.Deliveries;
        if (deliveries.Count < 3)
        {
            await Console.Error.WriteLineAsync($"{Name}: --mealtimes needs at least 3 customers (a first, a middle and a last); got {deliveries.Count}.");
            return 2;
        }

        const int tippers = 10_000;                    // section 2: deliveries that add a tip to one shared jar
        var clock = options.Clock;
        var (first, unlucky, last) = (deliveries[0], deliveries[deliveries.Count / 2], deliveries[^1]);
        const double dropsAfter = 0.5;                 // sections 5 and 6: B drops the plate this many hours into the meal
        const double deadline = 1.5;                   // section 5: the timeout, in story hours
        var checks = new LessonChecks();
        var table = new SummaryTable(clock, labelWidth: 15);

        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {clock}.");

        // ---------------------------------------------------------------------------------------------------------
        Section("1. a LINQ query is a recipe: Select starts nothing, every enumeration starts everything again");
        var recipeRound = new Timeline("a Select enumerated twice", clock);
        var recipeCourier = new Courier(clock, recipeRound);
        IEnumerable<Task<double>> recipe = deliveries.Select(d => recipeCourier.DeliverAsync(d.Name, d.Mealtime));
        int afterSelect = Delivered(recipeRound);
        Console.WriteLine($"after Select: {afterSelect} deliveries started");
        double[] gathered = await Task.WhenAll(recipe);            // enumerates the recipe: every delivery
        int afterWhenAll = Delivered(recipeRound);
        Console.WriteLine($"{Stamp(recipeRound)} WhenAll returned [{string.Join(", ", gathered.Select(Hours))}]; {afterWhenAll} deliveries so far");
        foreach (Task<double> delivery in recipe)                  // reading the results... enumerates it again
        {
            double hours = await delivery;
            Console.WriteLine($"{Stamp(recipeRound)} result: {Hours(hours)} h");
        }

        int byRecipe = Delivered(recipeRound);
        var onceRound = new Timeline("materialized once with ToArray", clock);
        var onceCourier = new Courier(clock, onceRound, TextWriter.Null);
        Task<double>[] started = [.. deliveries.Select(d => onceCourier.DeliverAsync(d.Name, d.Mealtime))];   // runs the recipe now
        int byToArray = Delivered(onceRound);
        await Task.WhenAll(started);
        foreach (Task<double> delivery in started)
        {
            await delivery;                                        // already done: nothing runs again
        }

        checks.That(afterSelect == 0, "Select started no delivery: it is a recipe, run when enumerated");
        checks.That(afterWhenAll == deliveries.Count, $"Task.WhenAll enumerated it once: {afterWhenAll} deliveries");
        checks.That(byRecipe == 2 * deliveries.Count, $"the foreach enumerated it again: {byRecipe} deliveries for {deliveries.Count} customers");
        checks.That(byToArray == deliveries.Count && Delivered(onceRound) == deliveries.Count, "ToArray started each delivery once, however often the array is read");
        double longest = deliveries.Max(d => d.Mealtime);
        table.Add("Select twice", recipeRound, $"{Hours(longest + deliveries.Sum(d => d.Mealtime))} h: a gather, then every meal again, one by one");
        table.Add("ToArray", onceRound, $"the longest, {Hours(longest)} h");
        Console.WriteLine("(Python: python3 samples/python/gather_twice.py — a generator is used up by one gather; nothing runs twice)");

        // ---------------------------------------------------------------------------------------------------------
        Section($"2. shared state after an await: {tippers:N0} deliveries add a tip to one jar at the same moment");
        int jar = 0;
        var threads = new ConcurrentDictionary<int, bool>();
        await TipsLost(() => threads.TryAdd(Environment.CurrentManagedThreadId, true));
        int lostToRace = await TipsLost(() => jar = jar + Tip());
        int lostToIncrement = await TipsLost(() => jar++);
        Console.WriteLine($"the code after the await ran on {threads.Count} threads; {Environment.ProcessorCount} cores");
        Console.WriteLine($"jar = jar + Tip(): {lostToRace:N0} of {tippers:N0} tips lost; jar++: {lostToIncrement:N0} lost (the same bug, a smaller window)");
        var jarLock = new Lock();
        int lostWithInterlocked = await TipsLost(() => Interlocked.Add(ref jar, Tip()));
        int lostWithLock = await TipsLost(() =>
        {
            lock (jarLock)
            {
                jar = jar + Tip();
            }
        });
        int lostOnOneThread = await SingleThreadLoop.RunAsync(() => TipsLost(() => jar = jar + Tip()));
        int lostAwaitInside = await SingleThreadLoop.RunAsync(() => LostWithAwaitInside(null));
        int lostUnderSemaphore;
        using (var oneAtATime = new SemaphoreSlim(1, 1))
        {
            lostUnderSemaphore = await SingleThreadLoop.RunAsync(() => LostWithAwaitInside(oneAtATime));
        }

        Console.WriteLine($"lost: Interlocked.Add {lostWithInterlocked}, lock {lostWithLock}, the unprotected line on a SingleThreadLoop {lostOnOneThread}");
        Console.WriteLine($"on one thread, an await inside the update: {lostAwaitInside:N0} lost; under SemaphoreSlim(1, 1): {lostUnderSemaphore}");
        if (Environment.ProcessorCount > 1)
        {
            checks.That(lostToRace > 0, $"on the thread pool, jar = jar + Tip() lost {lostToRace:N0} of {tippers:N0} tips");
        }

        checks.That(lostWithInterlocked == 0 && lostWithLock == 0, "Interlocked.Add and a lock lost none");
        checks.That(lostOnOneThread == 0, "on a SingleThreadLoop, one thread like asyncio's loop, the unprotected line lost none");
        checks.That(lostAwaitInside > 0, "even on one thread, an await between the read and the write loses updates");
        checks.That(lostUnderSemaphore == 0, "SemaphoreSlim(1, 1) around it, the async lock, loses none");
        Console.WriteLine("(Python: python3 samples/python/shared_counter.py — no loss between awaits, losses with an await inside)");

        // ---------------------------------------------------------------------------------------------------------
        Section("3. where an exception comes out: in the task (async) or at the call (checked, then returns a task)");
        var quiet = new Courier(clock, log: TextWriter.Null);
        Task<double> stored = CheckedInside(quiet, unlucky.Name, -1);
        Console.WriteLine($"CheckedInside(\"{unlucky.Name}\", -1) returned a task, throwing nothing: {stored.Status}");
        bool thrownAtCall = false;
        try
        {
            _ = CheckedAtCall(quiet, unlucky.Name, -1);
        }
        catch (ArgumentOutOfRangeException e)
        {
            thrownAtCall = true;
            Console.WriteLine($"CheckedAtCall(\"{unlucky.Name}\", -1) threw at the call: {e.GetType().Name} ({e.ParamName})");
        }

        var inTask = new Timeline("checked in the task: WhenAll sees every delivery", clock);
        var inTaskCourier = new Courier(clock, inTask, TextWriter.Null);
        try
        {
            await Task.WhenAll(CheckedInside(inTaskCourier, first.Name, first.Mealtime), CheckedInside(inTaskCourier, unlucky.Name, -1),
                CheckedInside(inTaskCourier, last.Name, last.Mealtime));
        }
        catch (ArgumentOutOfRangeException e)
        {
            inTask.Mark("caller", "caught");
            Console.WriteLine($"{Stamp(inTask)} checked in the task: WhenAll threw {e.GetType().Name} once every delivery had ended");
        }

        var atCall = new Timeline("checked at the call: the first runs on unwatched, the last never starts", clock);
        var atCallCourier = new Courier(clock, atCall);
        try
        {
            await Task.WhenAll(atCallCourier.DeliverAsync(first.Name, first.Mealtime), atCallCourier.DeliverAsync(unlucky.Name, -1),
                atCallCourier.DeliverAsync(last.Name, last.Mealtime));
        }
        catch (ArgumentOutOfRangeException e)
        {
            atCall.Mark("caller", "caught");
            Console.WriteLine($"{Stamp(atCall)} checked at the call: caught {e.GetType().Name} for '{e.ParamName}' before WhenAll was ever called");
        }

        string[] deliveredAtCall = [.. atCall.Snapshot().Where(s => s.Phase == Phase.Delivering).Select(s => s.Name)];
        Console.WriteLine($"{Stamp(atCall)} delivered to: {string.Join(", ", deliveredAtCall)}; nobody holds {first.Name}'s task, so nothing can await it");
        await UntilEveryDeliveryHasEnded(atCall, first.Mealtime + 1);   // watch the timeline instead: nothing outlives the program's story
        checks.That(stored.Status == TaskStatus.Faulted && thrownAtCall, "the async method stored its exception in the task; the non-async one threw at the call");
        checks.That(Count(inTask, Phase.Collecting) == deliveries.Count - 1, "checked in the task: WhenAll let every good delivery finish, then threw");
        checks.That(deliveredAtCall.SequenceEqual([first.Name]), $"checked at the call: {first.Name} was already on its way, {last.Name} was never called");
        table.Add("checked in task", inTask, $"the longest, {Hours(longest)} h: WhenAll waits for every good delivery");
        table.Add("checked at call", atCall, $"{Hours(first.Mealtime)} h: {first.Name}'s meal, eaten with nobody waiting");
        Console.WriteLine("(Python: python3 samples/python/where_it_raises.py — there the first coroutine is never run: \"never awaited\")");

        // ---------------------------------------------------------------------------------------------------------
        Section("4. the captured context, and the classic .Result deadlock on a single-threaded context");
        string context = SynchronizationContext.Current?.GetType().Name ?? "none";
        await clock.WaitAsync(0.1);
        bool resumedOnPool = Thread.CurrentThread.IsThreadPoolThread;
        Console.WriteLine($"in this program: SynchronizationContext {context}; after an await, on a thread-pool thread: {resumedOnPool}");
        var (loopContext, threadBefore, threadAfter) = await SingleThreadLoop.RunAsync(async () =>
        {
            string captured = SynchronizationContext.Current?.GetType().Name ?? "none";
            int before = Environment.CurrentManagedThreadId;
            await clock.WaitAsync(0.1);                    // captures the loop's context
            return (captured, before, Environment.CurrentManagedThreadId);
        });
        Console.WriteLine($"on a SingleThreadLoop: SynchronizationContext {loopContext}; thread {threadBefore} before the await, {threadAfter} after");
        TimeSpan guard = clock.ToRealTime(1);              // how long the blocked wait may last before we give up
        var (deadlocked, anywhereFinished) = await SingleThreadLoop.RunAsync(async () =>
        {
            Task<double> meal = DeliverHere(0.25);
            bool finished = meal.Wait(guard);              // .Result would wait here forever
            await meal;                                    // let go of the thread: the loop runs the rest of DeliverHere
            bool anywhere = DeliverAnywhere(0.25).Wait(guard);
            return (!finished, anywhere);
        });
        Console.WriteLine(deadlocked
            ? "deadlock: a quarter-hour meal had not finished after 1 h of blocking the loop's thread; .Result would never have returned"
            : "no deadlock this time");
        Console.WriteLine($"with ConfigureAwait(false) inside the method, the same blocking wait {(anywhereFinished ? "returned" : "did not return either")}");
        checks.That(context == "none" && resumedOnPool, "a console program captures nothing: after an await it runs on the thread pool");
        checks.That(threadBefore == threadAfter, "on a SingleThreadLoop, await came back to the loop's one thread");
        checks.That(deadlocked, "blocking the loop's thread on a method that must resume on it deadlocked (stopped by the guard)");
        checks.That(anywhereFinished, "ConfigureAwait(false) in the awaited method let the same blocking wait finish");
        Console.WriteLine("(Python: python3 samples/python/blocking_the_loop.py — the loop's thread waiting on work queued to itself)");

        // ---------------------------------------------------------------------------------------------------------
        Section($"5. Task.WhenAny: {unlucky.Name} fails first, {last.Name} eats on; a timeout of {Hours(deadline)} h; a WhenAny loop's cost");
        var race = new Timeline("WhenAny: the first to end wins, failed or not", clock);
        var raceCourier = new Courier(clock, race);
        Task<double> dropping, eating, winner;
        bool winnerThrew = false;
        using (var stopTheLoser = new CancellationTokenSource())
        {
            dropping = raceCourier.DeliverAndDropAsync(unlucky.Name, dropsAfter, stopTheLoser.Token);
            eating = raceCourier.DeliverAsync(last.Name, last.Mealtime, stopTheLoser.Token);
            winner = await Task.WhenAny(dropping, eating);  // never throws
            Console.WriteLine($"{Stamp(race)} WhenAny returned, throwing nothing: the winner is {(winner == dropping ? unlucky.Name : last.Name)}, {winner.Status}");
            try
            {
                Console.WriteLine($"the winner's result: {Hours(await winner)} h");
            }
            catch (DeliveryFailedException e)
            {
                winnerThrew = true;
                Console.WriteLine($"{Stamp(race)} awaiting the winner threw: {e.Message}");
            }

            await stopTheLoser.CancelAsync();              // nobody waits for the loser any more: stop it
            await Outcome.WhenAllSettled([dropping, eating]);
        }

        var timeouts = new Timeline($"WhenAny(work, Task.Delay({Hours(deadline)} h)), the loser cancelled", clock);
        var timeoutCourier = new Courier(clock, timeouts);
        long timersBefore = Timer.ActiveCount, timersWhileRacing = 0;
        double? inTime = await DeliverWithin(timeoutCourier, first.Name, first.Mealtime);
        double? late = await DeliverWithin(timeoutCourier, last.Name, last.Mealtime);
        long timersAfter = Timer.ActiveCount;
        Console.WriteLine($"{first.Name} within {Hours(deadline)} h: {(inTime is { } a ? Hours(a) : "timed out")}; {last.Name}: {(late is { } b ? Hours(b) : "timed out")}");
        Console.WriteLine($"active timers (Timer.ActiveCount): {timersBefore} before, {timersWhileRacing} while a race was on, {timersAfter} after");
        var costs = new List<(CompletionCost Any, CompletionCost Each)>();
        foreach (int n in (int[])[1_000, 10_000])
        {
            var (any, each) = (CompletionOrderCost.MeasureWhenAnyLoop(n), CompletionOrderCost.MeasureWhenEach(n));
            costs.Add((any, each));
            Console.WriteLine($"{n,6:N0} tasks: WhenAny loop {any.Time.TotalMilliseconds,7:F1} ms, {any.AllocatedBytes / 1e6,6:F1} MB;  WhenEach {each.Time.TotalMilliseconds,5:F1} ms, {each.AllocatedBytes,6:N0} bytes");
        }

        double bytesGrowth = (double)costs[1].Any.AllocatedBytes / costs[0].Any.AllocatedBytes;
        checks.That(winner == (dropsAfter < last.Mealtime ? dropping : eating) && winnerThrew == winner.IsFaulted,
            "WhenAny returned the first delivery to end without throwing, failed or not; only awaiting it threw its exception");
        checks.That((winner == dropping ? eating : dropping).IsCanceled, "the loser ate on until it was cancelled through its token");
        checks.That((first.Mealtime <= deadline) == inTime.HasValue && (last.Mealtime <= deadline) == late.HasValue,
            "the timeout let a meal shorter than the deadline finish and cancelled a longer one");
        checks.That(timersAfter <= timersBefore, "every losing timer was removed, none left waiting to fire");
        checks.That(bytesGrowth > 50, $"the WhenAny loop grew quadratically: {bytesGrowth:F0}x the bytes for 10x the tasks");
        checks.That(costs.All(c => c.Each.AllocatedBytes < 10_000), "WhenEach's cost stayed a few hundred bytes, whatever the count");
        Console.WriteLine("(Python: python3 samples/python/first_completed.py — asyncio.wait(FIRST_COMPLETED) raises nothing either)");

        // ---------------------------------------------------------------------------------------------------------
        Section("6. async lambdas that become async void: List.ForEach(async ...), on a SingleThreadLoop");
        var orders = deliveries.ToList();
        var forEachRound = new Timeline("List.ForEach(async ...): async void lambdas", clock);
        var forEachCourier = new Courier(clock, forEachRound, TextWriter.Null);
        var happened = new List<string>();                 // touched only on the loop's one thread
        bool caughtAroundForEach = false;
        Task forEachRun = SingleThreadLoop.RunAsync(() =>
        {
            try
            {
                orders.ForEach(async order =>              // an Action<T>: this lambda is async void
                {
                    await (order.Name == unlucky.Name
                        ? forEachCourier.DeliverAndDropAsync(order.Name, dropsAfter)
                        : forEachCourier.DeliverAsync(order.Name, order.Mealtime));
                    happened.Add($"{order.Name} done");
                });
            }
            catch (DeliveryFailedException)
            {
                caughtAroundForEach = true;                // never happens: the exception does not come out of ForEach
            }

            happened.Add("ForEach returned");
            return Task.CompletedTask;
        });
        await forEachRun.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);   // the loop ends when every async void has
        Console.WriteLine($"in order: {string.Join(" -> ", happened)}");
        Console.WriteLine($"the try/catch around ForEach caught {(caughtAroundForEach ? "the failure" : "nothing")}; the loop collected: {forEachRun.Exception?.InnerException?.Message}");
        var gatheredRound = new Timeline("Task.WhenAll(orders.Select(async ...))", clock);
        var gatheredCourier = new Courier(clock, gatheredRound, TextWriter.Null);
        bool caughtByWhenAll = false;
        try
        {
            await Task.WhenAll(orders.Select(async order => await (order.Name == unlucky.Name   // a Func<T, Task>: awaitable
                ? gatheredCourier.DeliverAndDropAsync(order.Name, dropsAfter)
                : gatheredCourier.DeliverAsync(order.Name, order.Mealtime))));
        }
        catch (DeliveryFailedException e)
        {
            caughtByWhenAll = true;
            Console.WriteLine($"{Stamp(gatheredRound)} the fix, Task.WhenAll(orders.Select(async ...)): caught {e.Message}");
        }

        // A lambda whose delivery must wait returns to ForEach at its first await; one of 0 hours runs to its end inside it.
        string[] waiting = [.. orders.Where(o => (o.Name == unlucky.Name ? dropsAfter : o.Mealtime) > 0).Select(o => $"{o.Name} done")];
        int returnedAt = happened.IndexOf("ForEach returned");
        checks.That(waiting.All(done => !happened.Contains(done) || happened.IndexOf(done) > returnedAt),
            waiting.Length > 0
                ? "ForEach returned before any delivery that waits had finished: nobody could wait for the work"
                : "with meals of 0 hours nothing waits, so each async void lambda ran to its end inside ForEach (give the meals time to see the trap)");
        checks.That(!caughtAroundForEach && forEachRun.Exception?.InnerException is DeliveryFailedException, "the failure went past the try/catch, to the loop");
        checks.That(caughtByWhenAll && Count(gatheredRound, Phase.Collecting) == deliveries.Count - 1, "gathered as Func<T, Task> lambdas, every other order finished and the caller caught the failure");
        Console.WriteLine("(Python: python3 samples/python/async_callbacks.py — an async callback makes a coroutine that never runs)");

        table.Print();
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("deferred-linq.html", "09: a Select enumerated twice, and materialized once", new[] { recipeRound, onceRound }),
                     ("where-exceptions-surface.html", "09: checked in the task, and at the call", new[] { inTask, atCall }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        string trace = ChromeTrace.Save([recipeRound, onceRound, inTask, atCall, race, timeouts, forEachRound, gatheredRound],
            Path.Combine(options.OutputDirectory, "09-traps.trace.json"));
        Console.WriteLine($"Trace of every round (open in ui.perfetto.dev or chrome://tracing): {trace}");

        Console.WriteLine();
        Console.WriteLine(checks);
        Console.WriteLine("More traps, in notebook 03: ValueTask (await it once) and an awaiter written by hand.");
        return checks.Failed.Count == 0 ? 0 : 1;

        // `tippers` deliveries wait for the same meal to end; then each one runs addTip. Returns how many tips were lost.
        async Task<int> TipsLost(Action addTip)
        {
            jar = 0;
            var mealEnds = new TaskCompletionSource();
            Task[] all = [.. Enumerable.Range(0, tippers).Select(_ => Deliver())];
            mealEnds.SetResult();                          // every meal ends now: the thread pool runs what follows the awaits
            await Task.WhenAll(all);
            return tippers - jar;

            async Task Deliver()
            {
                await mealEnds.Task;
                addTip();
            }
        }

        // A read, an await, a write: on one thread too, another delivery runs at the await.
        async Task<int> LostWithAwaitInside(SemaphoreSlim? gate)
        {
            jar = 0;
            await Task.WhenAll([.. Enumerable.Range(0, tippers).Select(_ => Deliver())]);
            return tippers - jar;

            async Task Deliver()
            {
                if (gate is not null)
                {
                    await gate.WaitAsync();
                }

                try
                {
                    int seen = jar;
                    await Task.Yield();
                    jar = seen + Tip();
                }
                finally
                {
                    gate?.Release();
                }
            }
        }

        async Task<double> DeliverHere(double mealtime)
        {
            await clock.WaitAsync(mealtime);               // the rest must run where the caller was: on the loop
            return mealtime;
        }

        async Task<double> DeliverAnywhere(double mealtime)
        {
            await clock.WaitAsync(mealtime).ConfigureAwait(false);   // the rest may run on any thread: what libraries write
            return mealtime;
        }

        // A timeout with WhenAny: race the delivery against a Task.Delay, then cancel whichever lost.
        async Task<double?> DeliverWithin(Courier courier, string name, double mealtime)
        {
            using var stopWork = new CancellationTokenSource();
            using var stopTimer = new CancellationTokenSource();
            Task<double> work = courier.DeliverAsync(name, mealtime, stopWork.Token);
            Task timer = Task.Delay(clock.ToRealTime(deadline), stopTimer.Token);
            timersWhileRacing = Math.Max(timersWhileRacing, Timer.ActiveCount);
            if (await Task.WhenAny(work, timer) == work)
            {
                await stopTimer.CancelAsync();             // the work won: remove the timer now
                return await work;
            }

            await stopWork.CancelAsync();                  // the timer won: stop the work, and wait until it has stopped
            await ((Task)work).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return null;
        }

        // For deliveries whose tasks nobody holds: wait, by watching their timeline, until each has ended.
        async Task UntilEveryDeliveryHasEnded(Timeline timeline, double patienceHours)
        {
            var waiting = Stopwatch.StartNew();
            while (Ended(timeline) < Delivered(timeline) && clock.ToHours(waiting.Elapsed) < patienceHours)
            {
                await Task.Delay(5);
            }
        }

        string Stamp(Timeline timeline) => $"[t={clock.ToHours(timeline.Now),5:F2} h]";
    });

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

static int Count(Timeline timeline, string phase) => timeline.Snapshot().Count(s => s.Phase == phase);

static int Delivered(Timeline timeline) => Count(timeline, Phase.Delivering);

static int Ended(Timeline timeline) => Count(timeline, Phase.Collecting) + Count(timeline, Phase.Failed) + Count(timeline, Phase.Cancelled);

// A customer's tip: one coin, after a little arithmetic (a microsecond or so) between reading the jar and writing it back.
static int Tip()
{
    double x = 1;
    for (int i = 0; i < 200; i++)
    {
        x = Math.Sqrt(x + i);
    }

    return x > 0 ? 1 : 0;
}

// An async method: its argument check runs in the body, so its exception goes into the task.
static async Task<double> CheckedInside(Courier courier, string name, double mealtime)
{
    ArgumentOutOfRangeException.ThrowIfNegative(mealtime);
    return await courier.DeliverAsync(name, mealtime);
}

// Not async: checks at the call, then returns the task (the library's Courier.DeliverAsync is written this way).
static Task<double> CheckedAtCall(Courier courier, string name, double mealtime)
{
    ArgumentOutOfRangeException.ThrowIfNegative(mealtime);
    return courier.DeliverAsync(name, mealtime);
}
