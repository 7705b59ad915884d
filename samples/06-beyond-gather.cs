#:project ../lib/DeliveryTimelines.csproj
// Notebook 06 as a program: beyond gather. Real I/O over HTTP (aiohttp -> HttpClient), a queue between a kitchen and
// its riders (asyncio.Queue -> Channel<T>), orders as an async stream (async for -> await foreach) and async clean-up
// (async with -> await using).
//   dotnet run samples/06-beyond-gather.cs -- --mealtimes 1,2,3 --scale 1
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DeliveryTimelines;

return await SampleArguments.RunAsync(args, "06-beyond-gather",
    "HTTP requests gathered, a channel between a kitchen and its riders, orders as an async stream, and await using.",
    async options =>
    {
        const double cookHours = 0.5;   // the kitchen's time per dish, and the menu server's time per answer
        const int riders = 2;
        var deliveries = options.Deliveries;
        var clock = options.Clock;
        var rows = new List<(string Run, Timeline Timeline, string Expected)>();
        Console.WriteLine($"Customers: {string.Join(", ", deliveries.Select(d => $"{d.Name} eats {Hours(d.Mealtime)} h"))}; {clock}.");

        Section("1. HTTP: ask a menu server for each customer's mealtime, one by one and gathered (aiohttp -> HttpClient)");
        var menu = deliveries.ToDictionary(d => d.Name, d => d.Mealtime, StringComparer.Ordinal);
        await using (var server = MenuServer.Start(menu, clock, cookHours)) // await using: the server stops asynchronously
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) // straight to the loopback server
            {
                BaseAddress = server.Address,
                Timeout = TimeSpan.FromMinutes(1),
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
            rows.Add(("HTTP one by one", oneByOne, $"{Hours(cookHours * deliveries.Count)} h: one answer after another"));
            rows.Add(("HTTP gathered", gathered, $"{Hours(cookHours)} h: the requests overlap"));
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
        rows.Add(($"kitchen + {riders} riders", kitchenLine, $"{Hours(Pipeline(deliveries.Select(d => d.Mealtime), cookHours, riders))} h: cooking and delivering overlap"));

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
        rows.Add(("async stream", streamed, $"{Hours(streamIdeal)} h: the last order's arrival plus its meal, or a longer one"));

        Console.WriteLine();
        Console.WriteLine($"{"run",-20} {"story hours",12} {"seconds",9}   expected");
        foreach (var (run, timeline, expected) in rows)
        {
            Console.WriteLine($"{run,-20} {clock.ToHours(timeline.Elapsed),12:F2} {timeline.Elapsed.TotalSeconds,9:F2}   {expected}");
        }

        Console.WriteLine("(a little over the ideal: timers follow a ~4 ms tick, requests and the first run pay for warm-up)");
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("http.html", "06: HTTP requests one by one and gathered", new[] { rows[0].Timeline, rows[1].Timeline }),
                     ("channel.html", "06: a kitchen and its riders, joined by a channel", new[] { kitchenLine }),
                     ("async-stream.html", "06: orders as an async stream", new[] { streamed }),
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

            Console.WriteLine($"[t={clock.ToHours(timeline.Now),5:F2} h] GET /mealtime/{name} -> {answer}{note}");
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
    });

static void Section(string title) => Console.WriteLine($"\n== {title}");

static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

// The kitchen cooks the dishes in order, one at a time; each goes to the first free rider. The end of the last meal.
static double Pipeline(IEnumerable<double> mealtimes, double cookHours, int riders)
{
    var free = new PriorityQueue<int, double>();
    for (int rider = 0; rider < riders; rider++)
    {
        free.Enqueue(rider, 0);
    }

    double cooked = 0, end = 0;
    foreach (double mealtime in mealtimes)
    {
        cooked += cookHours;
        free.TryDequeue(out int rider, out double at);
        double done = Math.Max(at, cooked) + mealtime;
        end = Math.Max(end, done);
        free.Enqueue(rider, done);
    }

    return end;
}

/// <summary>
/// A tiny HTTP server on the loopback interface that answers <c>GET /mealtime/{name}</c> after <c>cookHours</c>
/// story hours: real network I/O for the lesson, with nothing to install. Disposing it stops it asynchronously.
/// </summary>
sealed class MenuServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyDictionary<string, double> _menu;
    private readonly StoryClock _clock;
    private readonly double _cookHours;
    private readonly Task _serving;
    private readonly List<Task> _answers = [];

    private MenuServer(HttpListener listener, IReadOnlyDictionary<string, double> menu, StoryClock clock, double cookHours)
    {
        _listener = listener;
        _menu = menu;
        _clock = clock;
        _cookHours = cookHours;
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address => new(_listener.Prefixes.Single());

    public static MenuServer Start(IReadOnlyDictionary<string, double> menu, StoryClock clock, double cookHours)
    {
        for (int attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{FreePort()}/");
            try
            {
                listener.Start();
                return new MenuServer(listener, menu, clock, cookHours);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken in the meantime: try another
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving.ConfigureAwait(false);
        Task[] answers;
        lock (_answers)
        {
            answers = [.. _answers];
        }

        await Task.WhenAll(answers).ConfigureAwait(false);
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            lock (_answers)
            {
                _answers.Add(AnswerAsync(context)); // every request is answered concurrently
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using HttpListenerResponse response = context.Response;
        string[] path = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        await _clock.WaitAsync(_cookHours).ConfigureAwait(false); // the kitchen looks it up: the client waits without a thread
        string body;
        if (path is ["mealtime", var name] && _menu.TryGetValue(name, out double mealtime))
        {
            body = mealtime.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            response.StatusCode = 404;
            body = "not on the menu";
        }

        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
        response.ContentType = "text/plain; charset=utf-8";
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
