#:project ../lib/DeliveryTimelines.csproj
// Notebook 03 as a program: async methods as coroutines, hot tasks vs lazy Func<Task>, and where each await resumes.
//   dotnet run samples/03-coroutines-as-async-methods.cs -- --mealtimes 1,2,3 --scale 1
using DeliveryTimelines;

return await SampleArguments.RunAsync(args, "03-coroutines-as-async-methods",
    "each delivery leaving and re-entering at its awaits, and hot vs lazy tasks.",
    async options =>
    {
        var clock = options.Clock;
        var entries = new Timeline("entries into each delivery's state machine, gathered");

        Console.WriteLine("== many exits, many entries: two awaits per delivery");
        double[] results = await Task.WhenAll(options.Deliveries.Select(d => TracedDelivery(d.Name, d.Mealtime)));
        Console.WriteLine($"results: [{string.Join(", ", results)}]");

        Console.WriteLine("(between its markers a delivery is on no thread's stack: only its compiler-generated state machine waits;");
        Console.WriteLine(" notebook 03 opens that state machine by reflection)");

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

        string chart = ChartHtml.Save(TimelineChart.Gantt(entries), Path.Combine(options.OutputDirectory, "entries.html"), "03: entries");
        Console.WriteLine($"\nChart (opens offline in any browser): {chart}");
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
            Console.WriteLine($"[t={clock.ToHours(entries.Now),5:F2} h] {name}: {where,-32} thread {Environment.CurrentManagedThreadId}");
        }

        static async Task Hot(List<string> log)
        {
            log.Add("body starts");
            await Task.Yield();
            log.Add("after await");
        }
    });
