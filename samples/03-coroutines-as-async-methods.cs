#:sdk Microsoft.NET.Sdk.Web
#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 03 as a program: async methods as coroutines. Where each await leaves and re-enters, the state machine behind
// it, where continuations run (this program, a real ASP.NET Core request, a single-thread loop: hence the Web SDK
// above), who runs first (a C# call beside asyncio's create_task and eager tasks), TaskCompletionSource and
// RunContinuationsAsynchronously, ValueTask's rules, an awaiter written by hand, fire and forget, and async void.
//   dotnet run samples/03-coroutines-as-async-methods.cs -- --mealtimes 1,2,3 --scale 1
// The Python side of each contrast runs from here too (samples/python/*.py, when python3 is on the PATH).
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DeliveryTimelines;
using SampleSupport;

const double futureHours = 0.5; // how long the kitchen takes to complete a future, and the other short waits of this sample

return await SampleArguments.RunAsync(args, "03-coroutines-as-async-methods",
    "each delivery leaving and re-entering at its awaits, its state machine, who runs first, awaitables, and fire and forget.",
    async options =>
    {
        var clock = options.Clock;
        var first = options.Deliveries.Count > 0 ? options.Deliveries[0] : ("A", 1.0);
        var entries = new Timeline("entries into each delivery's state machine, gathered", clock);
        var entriesGate = new Lock(); // deliveries re-enter on pool threads, several at once: one line at a time

        Console.WriteLine("== many exits, many entries: two awaits per delivery");
        double[] results = await Task.WhenAll(options.Deliveries.Select(d => TracedDelivery(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");

        Console.WriteLine();
        Console.WriteLine($"{"delivery",-9} {"mealtime",9} {"entries",8} {"finished at",12}  threads");
        foreach (var group in entries.Snapshot().GroupBy(s => s.Name))
        {
            Console.WriteLine($"{group.Key,-9} {StoryHours.Format(options.Deliveries.First(d => d.Name == group.Key).Mealtime),9} {group.Count(),8} {StoryHours.FormatMeasured(clock.ToHours(group.Max(s => s.End))),10} h  {string.Join(", ", group.Select(s => s.ThreadId).Distinct())}");
        }

        Console.WriteLine("(one entry by the caller, then one by a timer after each await, often on another pool thread, which is why the log");
        Console.WriteLine(" takes a lock: two deliveries can re-enter at the same moment on two threads. Between entries a delivery is on");
        Console.WriteLine(" no thread's stack: only its compiler-generated state machine waits)");

        Console.WriteLine("\n== the state machine: a struct in Release, a class in Debug, boxed into the Task only when it must wait");
        Func<StoryClock, double, bool, Task<double>> eat = Eat;
        Type machine = eat.Method.GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType;
        Console.WriteLine($"this program was built {(IsOptimized(typeof(Program)) ? "optimized (Release)" : "unoptimized (Debug: dotnet run file.cs builds Debug unless -c Release)")}: its {machine.Name} is a {Kind(machine)}");
        Task<double> noWait = Eat(clock, 1, wait: false), mustWait = Eat(clock, futureHours, wait: true);
        Task<double> fromLibrary = new Courier(clock, log: TextWriter.Null).DeliverAsync("L", futureHours);
        Console.WriteLine($"Eat(1, wait: false):  {Describe(noWait)}");
        Console.WriteLine($"Eat(0.5, wait: true): {Describe(mustWait)}");
        Console.WriteLine($"courier.DeliverAsync (lib/, {(IsOptimized(typeof(Courier)) ? "Release" : "Debug")}): {Describe(fromLibrary)}");
        await Task.WhenAll(noWait, mustWait, fromLibrary);

        Console.WriteLine("\n== where continuations run: this program, ASP.NET Core, a single-thread loop");
        Console.WriteLine(Sites("console program", await WhereContinuationsRun(clock)));
        Console.WriteLine(Sites("ASP.NET Core", await ServeOneRequestAsync(clock)));
        Console.WriteLine(Sites("SingleThreadLoop", await SingleThreadLoop.RunAsync(() => WhereContinuationsRun(clock))));
        Console.WriteLine("(with no SynchronizationContext, as in a console program and in ASP.NET Core, the code after an await runs on the");
        Console.WriteLine(" thread pool, so ConfigureAwait(false) changes nothing; on a loop, await comes back to the loop's thread and");
        Console.WriteLine(" ConfigureAwait(false) leaves it)");

        Console.WriteLine("\n== who runs first: a C# call, a Python coroutine, create_task, an eager task");
        var callOrder = new List<string> { "calling TracedBody()" };
        Task call = TracedBody(callOrder);
        callOrder.Add("got a task back");
        await call;
        PythonRun createTaskOrder = await PythonScript.RunAsync("create_task_order.py");
        PythonRun eagerTasks = await PythonScript.RunAsync("eager_tasks.py");
        Console.WriteLine($"C#, a call:               {string.Join(" / ", callOrder)}");
        Console.WriteLine($"Python, a coroutine:      {Order(createTaskOrder, "order", "coroutine")}");
        Console.WriteLine($"Python, create_task:      {Order(createTaskOrder, "order", "create_task")}");
        Console.WriteLine($"Python 3.12+, eager task: {Order(eagerTasks, "order")}");

        Console.WriteLine("\n== lazy: a Func<Task> runs nothing until invoked (like a Python coroutine object)");
        var lazyOrder = new List<string> { "making a Func<Task>" };
        Func<Task> later = () => TracedBody(lazyOrder);
        lazyOrder.Add("got a Func<Task>");
        await later();
        Console.WriteLine(string.Join(" / ", lazyOrder));

        Console.WriteLine("\n== a future you complete yourself, and why RunContinuationsAsynchronously");
        var future = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task kitchen = Task.Run(async () =>
        {
            await clock.WaitAsync(futureHours);
            future.SetResult(42); // completes every await on future.Task
        });
        double value = await future.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await kitchen;
        Console.WriteLine($"the future completed with {value}");
        var (defaultInline, defaultTook) = await CompleteForThreeAwaiters(TaskCreationOptions.None);
        var (queuedInline, queuedTook) = await CompleteForThreeAwaiters(TaskCreationOptions.RunContinuationsAsynchronously);
        PythonRun futureCallbacks = await PythonScript.RunAsync("future_callbacks.py");
        Console.WriteLine($"C#, TaskCreationOptions.None:           SetResult returned after {defaultTook.TotalMilliseconds,5:F1} ms; awaiters run inside it: {defaultInline} of 3");
        Console.WriteLine($"C#, RunContinuationsAsynchronously:     SetResult returned after {queuedTook.TotalMilliseconds,5:F1} ms; awaiters run inside it: {queuedInline} of 3");
        Console.WriteLine(futureCallbacks.Ran
            ? $"Python, a Future (future_callbacks.py): {Order(futureCallbacks, "order")}; awaiters run inside set_result: {futureCallbacks.Result("inline")} of 3"
            : $"Python: not run: {futureCallbacks.Skipped}");

        Console.WriteLine("\n== ValueTask: await once, gather through AsTask()");
        var counter = Channel.CreateUnbounded<double>(new UnboundedChannelOptions { SingleReader = true });
        ValueTask<double> nextMeal = counter.Reader.ReadAsync(); // nothing on the counter yet: the reader's one reusable operation waits
        counter.Writer.TryWrite(1.5);
        double firstRead = await nextMeal;
        string secondRead;
        try
        {
#pragma warning disable CA2012 // "ValueTask instances should only be consumed once": the analyzer catches this trap; here it is on purpose
            secondRead = $"{await nextMeal}";
#pragma warning restore CA2012
        }
        catch (InvalidOperationException e)
        {
            secondRead = $"{e.GetType().Name}: {e.Message}";
        }

        Console.WriteLine($"a channel's ValueTask, first await: {firstRead}; second await: {secondRead}");
        var menuCache = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        long lookupsStart = Stopwatch.GetTimestamp();
        double[] mealtimes = await Task.WhenAll(options.Deliveries.Select(d => MealtimeOf(menuCache, d.Name).AsTask()));
        Console.WriteLine($"ValueTask.WhenAll exists: {typeof(ValueTask).GetMethod("WhenAll") is not null}; gathered with AsTask(): [{string.Join(", ", mealtimes)}] in {clock.ToHours(Stopwatch.GetElapsedTime(lookupsStart)):F2} h (each lookup: 0.5 h)");

        Console.WriteLine("\n== an awaiter written by hand (Python: __await__)");
        long mealStart = Stopwatch.GetTimestamp();
        double mealHours = await new Meal(clock, first.Item2);
        Console.WriteLine($"C#: await new Meal(clock, {first.Item2}) returned {mealHours} after {clock.ToHours(Stopwatch.GetElapsedTime(mealStart)):F2} h, with no Task inside");
        PythonRun awaitables = await PythonScript.RunAsync("awaitables.py", "--mealtimes", first.Item2, "--scale", clock.SecondsPerHour);
        Console.WriteLine(awaitables.Ran
            ? $"Python: awaiting Meal(...) returned {awaitables.Result("meal").GetDouble()} after {awaitables.Result("meal_hours").GetDouble():F2} h; a second await of one coroutine raised \"{awaitables.Result("coroutine_again").GetString()}\"; a task awaited twice gave {awaitables.Result("task_again")}"
            : $"Python: not run: {awaitables.Skipped}");

        Console.WriteLine("\n== fire and forget: a discarded Task, reported only when it is collected");
        var unobserved = new List<string>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerException is DeliveryFailedException failed)
            {
                lock (unobserved)
                {
                    unobserved.Add(failed.Message);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            Forget(new Courier(clock));
            await clock.WaitAsync(1); // the caller goes on with its own work; B fails meanwhile
            Console.WriteLine($"1 h later the caller is done and has heard of {unobserved.Count} failure(s)");
            GC.Collect();
            GC.WaitForPendingFinalizers(); // the lost task is finalized: only now is its exception reported
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Console.WriteLine($"after a garbage collection, UnobservedTaskException fired {unobserved.Count} time(s): {string.Join("; ", unobserved)}");
        PythonRun fireAndForget = await PythonScript.RunAsync("fire_and_forget.py", "--scale", clock.SecondsPerHour);
        Console.WriteLine(fireAndForget.Ran
            ? $"Python: the loop reported \"{fireAndForget.Result("reported").GetString()}\" at {fireAndForget.Result("reported_at").GetDouble():F2} h, by itself"
            : $"Python: not run: {fireAndForget.Skipped}");

        Console.WriteLine("\n== async void: its exception escapes the caller (on a SingleThreadLoop, so it cannot end this process)");
        bool callerCaught = false;
        Task loopRun = SingleThreadLoop.RunAsync(() =>
        {
            try
            {
                DropTheTray(new Courier(clock));
            }
            catch (DeliveryFailedException)
            {
                callerCaught = true; // never runs: the call returned at its first await
            }

            return Task.CompletedTask;
        });
        string loopReceived = "nothing";
        try
        {
            await loopRun;
        }
        catch (DeliveryFailedException e)
        {
            loopReceived = e.Message;
        }

        Console.WriteLine($"the caller's catch ran: {callerCaught}; the loop received: {loopReceived}");

        string chart = ChartHtml.Save(TimelineChart.Gantt(entries), Path.Combine(options.OutputDirectory, "entries.html"), "03: entries");
        string trace = ChromeTrace.Save([entries], Path.Combine(options.OutputDirectory, "03-entries.trace.json"), TraceTracks.PerThread);
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
        Console.WriteLine($"Trace, one track per thread (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/04-gather-as-whenall.cs");
        return 0;

        async Task<double> TracedDelivery(string name, double mealtime)
        {
            Log(name, "entered");
            await clock.WaitAsync(mealtime / 2);
            Log(name, "re-entered after half the meal");
            await clock.WaitAsync(mealtime / 2);
            Log(name, "re-entered after the whole meal");
            return mealtime;
        }

        void Log(string name, string where)
        {
            lock (entriesGate)
            {
                entries.Mark(name, where.StartsWith("entered", StringComparison.Ordinal) ? "entered" : "re-entered");
                Console.WriteLine($"[t={StoryHours.FormatMeasured(clock.ToHours(entries.Now)),5} h] {name}: {where,-32} thread {Environment.CurrentManagedThreadId}");
            }
        }

        async ValueTask<double> MealtimeOf(System.Collections.Concurrent.ConcurrentDictionary<string, double> cache, string name)
        {
            if (cache.TryGetValue(name, out double cached))
            {
                return cached; // synchronous: no allocation
            }

            await clock.WaitAsync(futureHours); // the slow path: ask the kitchen
            return cache[name] = options.Deliveries.First(d => d.Name == name).Mealtime;
        }

        // Three awaiters of one meal, each doing 30 ms of its own work once resumed; the kitchen (a pool thread) completes it.
        static async Task<(int Inline, TimeSpan SetResultTook)> CompleteForThreeAwaiters(TaskCreationOptions creation)
        {
            var meal = new TaskCompletionSource<double>(creation);
            int kitchenThread = 0, inline = 0;
            bool setResultReturned = false;
            async Task Awaiter()
            {
                await meal.Task;
                if (Environment.CurrentManagedThreadId == Volatile.Read(ref kitchenThread) && !Volatile.Read(ref setResultReturned))
                {
                    Interlocked.Increment(ref inline);
                }

                Thread.Sleep(30); // the awaiter's own work, on whichever thread resumed it
            }

            Task[] awaiters = [Awaiter(), Awaiter(), Awaiter()];
            TimeSpan took = await Task.Run(() =>
            {
                Volatile.Write(ref kitchenThread, Environment.CurrentManagedThreadId);
                long start = Stopwatch.GetTimestamp();
                meal.SetResult(1);                            // the kitchen completes the meal...
                TimeSpan elapsed = Stopwatch.GetElapsedTime(start); // ...and gets its thread back only now
                Volatile.Write(ref setResultReturned, true);
                return elapsed;
            });
            await Task.WhenAll(awaiters);
            return (inline, took);
        }
    },
    waits: options => [.. options.Deliveries.Select(d => ($"half of {d.Name}'s meal", d.Mealtime / 2)), ("the future", futureHours), ("the wait before a continuation", futureHours / 5)]);

static async Task<double> Eat(StoryClock clock, double mealtime, bool wait)
{
    if (wait)
    {
        await clock.WaitAsync(mealtime);
    }

    return mealtime;
}

// Where the code after each await runs: the same method in every app model, so only the context differs.
static async Task<ContinuationSites> WhereContinuationsRun(StoryClock clock)
{
    string context = SynchronizationContext.Current?.GetType().Name ?? "null";
    var started = Site.Here();
    await clock.WaitAsync(futureHours / 5);                           // captures the context, if there is one
    var afterAwait = Site.Here();
    await clock.WaitAsync(futureHours / 5).ConfigureAwait(false);     // does not capture it
    return new ContinuationSites(context, started, afterAwait, Site.Here());
}

// A real ASP.NET Core app (Kestrel on a free port of 127.0.0.1) serving one real HTTP request, whose handler reports
// where its continuations ran.
static async Task<ContinuationSites> ServeOneRequestAsync(StoryClock clock)
{
    WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    await using WebApplication app = builder.Build();
    ContinuationSites? seen = null;
    app.Run(async context =>
    {
        seen = await WhereContinuationsRun(clock);
        await context.Response.WriteAsync("served");
    });
    await app.StartAsync();
    using var http = new HttpClient();
    string reply = await http.GetStringAsync(new Uri(app.Urls.First()));
    await app.StopAsync();
    return reply == "served" && seen is not null ? seen : throw new InvalidOperationException($"The request was not served: '{reply}'.");
}

static string Sites(string app, ContinuationSites sites) =>
    $"{app,-16}  SynchronizationContext: {sites.Context,-12} started on {sites.Started}; after await: {sites.AfterAwait}; after ConfigureAwait(false): {sites.AfterConfigureAwaitFalse}";

static async Task TracedBody(List<string> order)
{
    order.Add("body starts");
    await Task.Delay(1); // the first await that really waits (asyncio.sleep(0) in the Python scripts); not Task.Yield:
                         // with no event loop its continuation goes to a pool thread at once and can race the caller's next line
    order.Add("after await");
}

static string Order(PythonRun run, params string[] result) =>
    run.Ran ? string.Join(" / ", run.Result(result).EnumerateArray().Select(step => step.GetString())) : $"not run: {run.Skipped}";

static bool IsOptimized(Type type) => type.Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

static string Kind(Type type) => type.IsValueType ? "struct" : "class";

static string Describe(Task task)
{
    Type type = task.GetType();
    if (!type.Name.StartsWith("AsyncStateMachineBox", StringComparison.Ordinal))
    {
        return $"a plain {type.Name}: no box";
    }

    Type machine = type.GetGenericArguments()[^1];
    return $"an AsyncStateMachineBox around {machine.Name}, a {Kind(machine)}; is it a Task<double>? {task is Task<double>}";
}

[MethodImpl(MethodImplOptions.NoInlining)] // so that no local of this frame keeps the task alive in a Debug build
static void Forget(Courier courier) => _ = courier.DeliverAndDropAsync("B", 0.5); // fire and forget: the task is discarded

static async void DropTheTray(Courier courier) => await courier.DeliverAndDropAsync("C", 0.5); // async void: nothing to await

/// <summary>A thread that ran some code: its id, and whether it belongs to the thread pool.</summary>
internal sealed record Site(int Thread, bool Pool)
{
    public static Site Here() => new(Environment.CurrentManagedThreadId, System.Threading.Thread.CurrentThread.IsThreadPoolThread);

    public override string ToString() => $"thread {Thread} ({(Pool ? "pool" : "not pool")})";
}

/// <summary>Where one method's code ran: its context's type, its start, after a plain await, after ConfigureAwait(false).</summary>
internal sealed record ContinuationSites(string Context, Site Started, Site AfterAwait, Site AfterConfigureAwaitFalse);

/// <summary>A meal you can await directly: its awaiter is written out by hand and completed by a timer, no Task inside.</summary>
internal sealed class Meal(StoryClock clock, double hours)
{
    public MealAwaiter GetAwaiter() => new(clock, hours);
}

/// <summary>What <c>await</c> calls: <see cref="IsCompleted"/>, then <see cref="OnCompleted"/> if not, then <see cref="GetResult"/>.</summary>
internal sealed class MealAwaiter : INotifyCompletion
{
    private readonly Lock _gate = new();
    private readonly double _hours;
    private readonly ITimer _timer;
    private bool _ended;
    private Action? _continuation;

    public MealAwaiter(StoryClock clock, double hours)
    {
        _hours = hours;
        _timer = clock.TimeProvider.CreateTimer(_ => End(), null, clock.ToRealTime(hours), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Asked first: done already? Then the await does not suspend.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Not done: "here is the rest of my method, run it when you are".</summary>
    public void OnCompleted(Action continuation)
    {
        lock (_gate)
        {
            if (!_ended)
            {
                _continuation = continuation;
                return;
            }
        }

        continuation(); // the meal ended between IsCompleted and now
    }

    /// <summary>The await's value.</summary>
    public double GetResult()
    {
        lock (_gate)
        {
            return _ended ? _hours : throw new InvalidOperationException("The meal has not ended: await it instead.");
        }
    }

    private void End()
    {
        Action? continuation;
        lock (_gate)
        {
            _ended = true;
            continuation = _continuation;
        }

        _timer.Dispose();
        continuation?.Invoke(); // resume the awaiting method, on the timer's thread
    }
}
