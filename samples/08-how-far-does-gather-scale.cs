#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 08 as a program: how far gather goes, with one Task.Delay per delivery and with shared timers.
//   dotnet run samples/08-how-far-does-gather-scale.cs -- --mealtimes 1,2,3 --scale 1
// The full benchmark (up to a million, C# and Python in fresh processes): dotnet run -c Release --project bench/ScaleBench
using System.Globalization;
using DeliveryTimelines;
using SampleSupport;

return await SampleArguments.RunAsync(args, "08-how-far-does-gather-scale",
    "1,000 to 100,000 quiet deliveries gathered with one Task.Delay each and with shared timers: overhead, bytes and timers.",
    async options =>
    {
        double[] mealtimes = options.Deliveries.Select(d => d.Mealtime).ToArray();
        int[] sizes = [1_000, 10_000, 100_000];
        StoryClock plain = options.Clock, shared = options.Clock.WithSharedTimers();
        TimeSpan ideal = options.Clock.ToRealTime(mealtimes.Max());
        Console.WriteLine($"Delivery i eats mealtimes[i % {mealtimes.Length}] of [{string.Join(", ", mealtimes.Select(Text))}] hours; {options.Clock}.");
        Console.WriteLine($"Ideal: every gather takes the longest meal, {Text(mealtimes.Max())} h ({ideal.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s), whatever N.");

        // A few deliveries, each one's meal recorded on a timeline, for the Chrome trace; the sweep below is quiet.
        var few = new Timeline("08: quiet deliveries on shared timers", shared);
        async Task<double> Recorded(int i)
        {
            using var eating = few.Measure(Customers.Name(i), Phase.Eating);
            return await QuietDeliveries.DeliverAsync(shared, mealtimes[i % mealtimes.Length]);
        }

        double[] order = await Task.WhenAll(Enumerable.Range(0, 2 * mealtimes.Length).Select(Recorded));
        Console.WriteLine($"results in delivery order: [{string.Join(", ", order.Select(Text))}]");

        // Warm-up: the first run in a process pays for the JIT. The same mix of meals and no meals on a fast clock,
        // each meal one hour there (10 ms): the learner's own meals could be too short for a timer at that scale.
        double[] warmUp = [.. mealtimes.Select(m => m == 0 ? 0.0 : 1.0)];
        await QuietDeliveries.MeasureAsync(new StoryClock(0.01), 1_000, warmUp);
        await QuietDeliveries.MeasureAsync(new StoryClock(0.01).WithSharedTimers(), 1_000, warmUp);

        Console.WriteLine("\n== the sweep (overhead = wall time above the ideal; bytes = allocated per delivery)");
        var rows = new List<(int N, GatherCost Plain, GatherCost Shared)>();
        foreach (int n in sizes)
        {
            var row = (n, await QuietDeliveries.MeasureAsync(plain, n, mealtimes), await QuietDeliveries.MeasureAsync(shared, n, mealtimes));
            rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N = {n,7}: Task.Delay each {row.Item2.Overhead.TotalMilliseconds,7:F1} ms, {row.Item2.BytesPerDelivery,4:F0} B/delivery, {n,7} timers | " +
                $"shared timers {row.Item3.Overhead.TotalMilliseconds,7:F1} ms, {row.Item3.BytesPerDelivery,4:F0} B/delivery, {row.Item3.Timers,4} timers"));
        }

        Console.WriteLine("\nShared timers: deliveries whose meals end in the same millisecond await one pending task, completed by one timer;");
        Console.WriteLine("a pending delivery then needs no timer of its own, and no wait ends early (deadlines are rounded up). Task.Delay can:");
        Console.WriteLine($"  {await TimerProbe.MeasureAsync()}");

        // When sharing pays: what it saved per gather, in this run (notebook 08, "Shared timers in real code").
        Console.WriteLine("\n== what shared timers saved per gather (allocations, overhead, timers)");
        foreach (var (n, p, s) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N = {n,7}: {Saved((p.BytesPerDelivery - s.BytesPerDelivery) * n / 1e6, 2),7:F2} MB, {Saved((p.Overhead - s.Overhead).TotalMilliseconds, 1),7:F1} ms, {n - s.Timers,7} fewer timers"));
        }

        Console.WriteLine("\n== what one pending delivery holds (bytes allocated per call, averaged over 10,000)");
        PendingDeliveryBytes pending = await PendingBytes.MeasureAsync(10_000);
        Piece(pending.Box, PendingBytes.LibraryIsOptimized
            ? "the async method's box: one object, both its Task<double> and its state machine (lib/, compiled optimized)"
            : "the async method's box (its Task<double>) and its state machine, an object of its own in this Debug build (dotnet run -c Release: one object)");
        Piece(pending.Delay, "a Task.Delay: its promise and its timer");
        Piece(pending.SharedTaskEntry, "awaiting a shared pending task instead: an entry in its list of continuations");
        Piece(pending.WhenAllPending, "Task.WhenAll while pending: a slot in its copy of the array of tasks");
        Piece(pending.WhenAllResult, "Task.WhenAll at the end: a double in its array of results");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Gathered with a Task.Delay each: {pending.GatheredWithDelay:F0} B per delivery; on shared timers: {pending.GatheredWithSharedTimers:F0} B."));

        double[] x = rows.Select(r => (double)r.N).ToArray();
        ScaleSeries Overheads(string name, Func<(int N, GatherCost Plain, GatherCost Shared), GatherCost> cost) =>
            ScaleSeries.AtLeast(name, x, rows.Select(r => cost(r).Overhead.TotalSeconds).ToArray(), ScaleSeries.OverheadFloorSeconds);
        ScaleSeries[] overheads = [Overheads("Task.Delay each", r => r.Plain), Overheads("shared timers", r => r.Shared)];
        string overhead = ChartHtml.Save(ScaleChart.LogLog("Overhead above the ideal (below 1e-4 s drawn at 1e-4 s)", "deliveries gathered (N)", "seconds above the ideal", overheads),
            Path.Combine(options.OutputDirectory, "overhead.html"), "08: overhead above the ideal");
        string bytes = ChartHtml.Save(ScaleChart.LogLog("Bytes allocated per delivery", "deliveries gathered (N)", "bytes per delivery",
                new ScaleSeries("Task.Delay each", x, rows.Select(r => r.Plain.BytesPerDelivery).ToArray()),
                new ScaleSeries("shared timers", x, rows.Select(r => r.Shared.BytesPerDelivery).ToArray())),
            Path.Combine(options.OutputDirectory, "bytes-per-delivery.html"), "08: bytes per delivery");
        string trace = ChromeTrace.Save([few], Path.Combine(options.OutputDirectory, "08-quiet-deliveries.trace.json"));
        Console.WriteLine($"\nCharts (open offline in any browser; log axes, each step ×10; {overheads.Sum(o => o.Raised)} overhead(s) below 1e-4 s drawn at 1e-4 s):\n  {overhead}\n  {bytes}");
        Console.WriteLine($"Trace of the first {order.Length} deliveries (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("The full benchmark, up to a million and against Python: dotnet run -c Release --project bench/ScaleBench");
        return 0;
    });

static string Text(double hours) => StoryHours.Format(hours);

static void Piece(double bytes, string what) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes,7:F1} B  {what}"));


// A saving rounded to the decimals it prints: a tiny negative difference (-0.04 ms) prints as 0.0, not -0.0.
static double Saved(double value, int decimals) => Math.Round(value, decimals) + 0.0;
