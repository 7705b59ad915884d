#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 06 as a program: beyond gather. Real I/O over HTTP (aiohttp -> HttpClient), a queue between a kitchen and
// its riders (asyncio.Queue -> Channel<T>), orders as an async stream (async for -> await foreach), async clean-up
// (async with -> await using), and blocking calls moved off the caller (asyncio.to_thread -> Task.Run).
//   dotnet run samples/06-beyond-gather.cs -- --mealtimes 1,2,3 --scale 1
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DeliveryTimelines;
using SampleSupport;

const double cookHours = 0.5;   // the kitchen's time per dish, and the menu server's time per answer

return await SampleArguments.RunAsync(args, "06-beyond-gather",
    "HTTP requests gathered, a channel between a kitchen and its riders, orders as an async stream, and await using.",
    async options =>
    {
        const int riders = 2;
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        var table = new SummaryTable(clock, labelWidth: 20);
        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {clock}.");

        Section("1. HTTP: ask a menu server for each customer's mealtime, one by one and gathered (aiohttp -> HttpClient)");
        var menu = deliveries.ToDictionary(d => d.Name, d => d.Mealtime, StringComparer.Ordinal);
        await using (var server = MenuServer.Start(menu, clock, cookHours)) // await using: the server stops asynchronously
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) // straight to the loopback server
            {
                BaseAddress = server.Address,
                Timeout = clock.ToRealTime(cookHours) + TimeSpan.FromMinutes(1), // an answer's time, and a minute for a busy machine
            };
            Console.WriteLine($"menu server listening on {server.Address} (answers after {Hours(cookHours)} h)");

            await AskAsync(http, new Timeline("warm-up"), deliveries[0].Name, " (a first request, untimed: it pays for the JIT and a connection)");
            var oneByOne = new Timeline("HTTP, one by one");
            foreach (var (name, _) in deliveries)
            {
                await AskAsync(http, oneByOne, name);
            }

            var gathered = new Timeline("HTTP, gathered");
            double[] mealtimes = await Task.WhenAll(deliveries.Select(d => AskAsync(http, gathered, d.Name)));
            Console.WriteLine($"mealtimes from the server: [{string.Join(", ", mealtimes.Select(Hours))}]");
            table.Add("HTTP one by one", oneByOne, $"{Hours(cookHours * deliveries.Count)} h: one answer after another");
            table.Add("HTTP gathered", gathered, $"{Hours(cookHours)} h: the requests overlap");
        }

        Console.WriteLine("(the server was disposed with await using: it stopped listening and finished its last answers first)");

        Section($"2. a channel: the kitchen cooks one dish at a time, {riders} riders take them from a Channel<T> (asyncio.Queue)");
        var kitchenLine = new Timeline($"kitchen -> Channel<T> -> {riders} riders");
        var channel = Channel.CreateBounded<(string Name, double Mealtime)>(new BoundedChannelOptions(1) { SingleWriter = true });
        var courier = new Courier(clock, kitchenLine);
        Task kitchen = Task.Run(async () =>
        {
            foreach (var order in deliveries)
            {
                using (kitchenLine.Measure(order.Name, Phase.Cooking))
                {
                    await clock.WaitAsync(cookHours);
                }

                await channel.Writer.WriteAsync(order); // waits while the channel is full: back-pressure
            }

            channel.Writer.Complete(); // no more dishes: each rider's await foreach ends
        });
        Task[] riderTasks = [.. Enumerable.Range(1, riders).Select(_ => Task.Run(async () =>
        {
            await foreach (var (name, mealtime) in channel.Reader.ReadAllAsync())
            {
                await courier.DeliverAsync(name, mealtime);
            }
        }))];
        await Task.WhenAll([kitchen, .. riderTasks]);
        table.Add($"kitchen + {riders} riders", kitchenLine, $"{Hours(IdealSchedule.Pipeline(deliveries.Select(d => d.Mealtime), cookHours, riders))} h: cooking and delivering overlap");

        Section($"3. an async stream: orders arrive every {Hours(cookHours)} h, each delivered as it arrives (async for -> await foreach)");
        var streamed = new Timeline("orders as an async stream, delivered as they arrive");
        var streamCourier = new Courier(clock, streamed);
        var started = new List<Task<double>>();
        await foreach (var (name, mealtime) in OrdersAsync())
        {
            streamed.Mark(name, "ordered");
            started.Add(streamCourier.DeliverAsync(name, mealtime)); // start it, and read the next order meanwhile
        }

        double[] results = await Task.WhenAll(started);
        Console.WriteLine($"results: [{string.Join(", ", results.Select(Hours))}]");
        double streamIdeal = deliveries.Select((d, i) => (i + 1) * cookHours + d.Mealtime).Max();
        table.Add("async stream", streamed, $"{Hours(streamIdeal)} h: the last order's arrival plus its meal, or a longer one");

        Section("4. blocking calls: Task.Run borrows pool threads, LongRunning gets a thread each (asyncio.to_thread)");
        var onPool = new Timeline("Task.Run: blocking deliveries on the thread pool");
        var poolCourier = new Courier(clock, onPool, TextWriter.Null);
        await Task.WhenAll(deliveries.Select(d => Task.Run(() => poolCourier.Deliver(d.Name, d.Mealtime))));
        var dedicated = new Timeline("LongRunning: a dedicated thread per blocking delivery");
        var dedicatedCourier = new Courier(clock, dedicated, TextWriter.Null);
        await Task.WhenAll(deliveries.Select(d => Task.Factory.StartNew(() => dedicatedCourier.Deliver(d.Name, d.Mealtime),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        ThreadPool.GetMinThreads(out int minWorkers, out _);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {minWorkers} pool threads ready: a blocking call that finds none waits (thread-pool starvation)");
        table.Add("Task.Run (blocking)", onPool, $"{Hours(deliveries.Max(d => d.Mealtime))} h to {Hours(deliveries.Sum(d => d.Mealtime))} h: as many at once as the pool has threads");
        table.Add("LongRunning", dedicated, $"{Hours(deliveries.Max(d => d.Mealtime))} h: every blocking meal on its own thread");

        table.Print("the first run and the first request also pay for warm-up");
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("http.html", "06: HTTP requests one by one and gathered", new[] { table.Rows[0].Timeline, table.Rows[1].Timeline }),
                     ("channel.html", "06: a kitchen and its riders, joined by a channel", new[] { kitchenLine }),
                     ("async-stream.html", "06: orders as an async stream", new[] { streamed }),
                     ("blocking.html", "06: blocking calls on the pool and on dedicated threads", new[] { onPool, dedicated }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        return 0;

        // One request to the menu server, recorded as an "asking the menu" span on the customer's row.
        async Task<double> AskAsync(HttpClient http, Timeline timeline, string name, string note = "")
        {
            string answer;
            using (timeline.Measure(name, "asking the menu"))
            {
                answer = await http.GetStringAsync(new Uri($"mealtime/{Uri.EscapeDataString(name)}", UriKind.Relative));
            }

            Console.WriteLine($"[t={StoryHours.FormatMeasured(clock.ToHours(timeline.Now)),5} h] GET /mealtime/{name} -> {answer}{note}");
            return double.Parse(answer, CultureInfo.InvariantCulture);
        }

        // The orders as they come in: an async iterator, Python's async generator.
        async IAsyncEnumerable<(string Name, double Mealtime)> OrdersAsync([EnumeratorCancellation] CancellationToken token = default)
        {
            foreach (var order in deliveries)
            {
                await clock.WaitAsync(cookHours, token);
                yield return order;
            }
        }
    },
    waits: options => [("the kitchen's time per dish", cookHours)]);

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => StoryHours.Format(hours);
