#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 03 as a program: async methods as coroutines, hot tasks vs lazy Func<Task>, and where each await resumes.
//   dotnet run samples/03-coroutines-as-async-methods.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;
using SampleSupport;

const double futureHours = 0.5; // how long the kitchen takes to complete the TaskCompletionSource's future

return await SampleArguments.RunAsync(args, "03-coroutines-as-async-methods",
    "each delivery leaving and re-entering at its awaits, and hot vs lazy tasks.",
    async options =>
    {
        var clock = options.Clock;
        var entries = new Timeline("entries into each delivery's state machine, gathered");

        Console.WriteLine("== many exits, many entries: two awaits per delivery");
        double[] results = await Task.WhenAll(options.Deliveries.Select(d => TracedDelivery(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{string.Join(", ", results.Select(StoryHours.Format))}]");

        Console.WriteLine();
        Console.WriteLine($"{"delivery",-9} {"mealtime",9} {"entries",8} {"finished at",12}  threads");
        foreach (var group in entries.Snapshot().GroupBy(s => s.Name))
        {
            Console.WriteLine($"{group.Key,-9} {StoryHours.Format(options.Deliveries.First(d => d.Name == group.Key).Mealtime),9} {group.Count(),8} {StoryHours.FormatMeasured(clock.ToHours(group.Max(s => s.End))),10} h  {string.Join(", ", group.Select(s => s.ThreadId).Distinct())}");
        }

        Console.WriteLine("(one entry by the caller, then one by a timer after each await, often on another pool thread. Between them a");
        Console.WriteLine(" delivery is on no thread's stack: only its compiler-generated state machine waits; notebook 03 opens it by reflection)");

        Console.WriteLine("\n== hot: calling an async method runs it up to its first real await");
        var events = new List<string> { "calling Hot()" };
        Task hot = Hot(events);
        events.Add("got a Task back");
        await hot;
        Console.WriteLine(string.Join(" / ", events));

        Console.WriteLine("\n== lazy: a Func<Task> runs nothing until invoked (like a Python coroutine object)");
        events = ["making a Func<Task>"];
        var lazyEvents = events;
        Func<Task> later = () => Hot(lazyEvents);
        events.Add("got a Func<Task>");
        await later();
        Console.WriteLine(string.Join(" / ", events));

        Console.WriteLine("\n== a future you complete yourself: TaskCompletionSource (Python: loop.create_future())");
        var future = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task kitchen = Task.Run(async () =>
        {
            await clock.WaitAsync(futureHours);
            future.SetResult(42); // completes every await on future.Task
        });
        double value = await future.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await kitchen;
        Console.WriteLine($"the future completed with {value}");

        string chart = ChartHtml.Save(TimelineChart.Gantt(entries), Path.Combine(options.OutputDirectory, "entries.html"), "03: entries");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
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
            entries.Mark(name, where.StartsWith("entered", StringComparison.Ordinal) ? "entered" : "re-entered");
            Console.WriteLine($"[t={StoryHours.FormatMeasured(clock.ToHours(entries.Now)),5} h] {name}: {where,-32} thread {Environment.CurrentManagedThreadId}");
        }

        static async Task Hot(List<string> log)
        {
            log.Add("body starts");
            await Task.Yield();
            log.Add("after await");
        }
    },
    waits: options => [.. options.Deliveries.Select(d => ($"half of {d.Name}'s meal", d.Mealtime / 2)), ("the future", futureHours)]);
