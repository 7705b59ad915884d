#:project ../lib/DeliveryTimelines/DeliveryTimelines.csproj
#:project Support/SampleSupport.csproj
// Notebook 07 as a program: beyond gather. Real I/O over HTTP (aiohttp -> HttpClient), a queue between a kitchen and
// its riders (asyncio.Queue -> Channel<T>), orders as an async stream (async for -> await foreach), async clean-up
// (async with -> await using), blocking calls moved off the caller (asyncio.to_thread -> Task.Run), and files
// (aiofiles -> File.WriteAllTextAsync, FileStream with FileOptions.Asynchronous, File.ReadLinesAsync).
//   dotnet run samples/07-beyond-gather.cs -- --mealtimes 1,2,3 --scale 1
// The Python original's files beside it: python3 samples/python/async_files.py --files 200
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using DeliveryTimelines;
using SampleSupport;

const double cookHours = 0.5;   // the kitchen's time per dish, and the menu server's time per answer
const int files = 200;          // section 5: files of 16 KiB, the same as the Python original's

return await SampleArguments.RunAsync(args, "07-beyond-gather",
    "HTTP requests gathered, a channel between a kitchen and its riders, orders as an async stream, await using, blocking calls, and files.",
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

            await AskAsync(http, new Timeline("warm-up", clock), deliveries[0].Name, " (a first request, untimed: it pays for the JIT and a connection)");
            var oneByOne = new Timeline("HTTP, one by one", clock);
            foreach (var (name, _) in deliveries)
            {
                await AskAsync(http, oneByOne, name);
            }

            var gathered = new Timeline("HTTP, gathered", clock);
            double[] mealtimes = await Task.WhenAll(deliveries.Select(d => AskAsync(http, gathered, d.Name)));
            Console.WriteLine($"mealtimes from the server: [{string.Join(", ", mealtimes.Select(Hours))}]");
            table.Add("HTTP one by one", oneByOne, $"{Hours(cookHours * deliveries.Count)} h: one answer after another");
            table.Add("HTTP gathered", gathered, $"{Hours(cookHours)} h: the requests overlap");
        }

        Console.WriteLine("(the server was disposed with await using: it stopped listening and finished its last answers first)");

        Section($"2. a channel: the kitchen cooks one dish at a time, {riders} riders take them from a Channel<T> (asyncio.Queue)");
        var kitchenLine = new Timeline($"kitchen -> Channel<T> -> {riders} riders", clock);
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
        var streamed = new Timeline("orders as an async stream, delivered as they arrive", clock);
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
        var onPool = new Timeline("Task.Run: blocking deliveries on the thread pool", clock);
        var poolCourier = new Courier(clock, onPool, TextWriter.Null);
        await Task.WhenAll(deliveries.Select(d => Task.Run(() => poolCourier.Deliver(d.Name, d.Mealtime))));
        var dedicated = new Timeline("LongRunning: a dedicated thread per blocking delivery", clock);
        var dedicatedCourier = new Courier(clock, dedicated, TextWriter.Null);
        await Task.WhenAll(deliveries.Select(d => Task.Factory.StartNew(() => dedicatedCourier.Deliver(d.Name, d.Mealtime),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        Console.WriteLine("thread-pool starvation: calls that each block a pool thread for 3 s, queued one at a time while each gets a thread at once, then two more " +
                          "behind the first that does not (while all its threads are blocked, a starvation check twice a second adds one thread at a time)");
        PoolGrowthResult growth = await PoolGrowth.MeasureAsync(new Timeline("blocking calls on the thread pool"), TimeSpan.FromSeconds(3), queuedBehind: 2);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {growth}");
        Console.WriteLine($"after the pool ran out, those {growth.LateStarts.Count} got a thread at {string.Join(", ", growth.LateStarts.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))} s");
        table.Add("Task.Run (blocking)", onPool, $"{Hours(deliveries.Max(d => d.Mealtime))} h to {Hours(deliveries.Sum(d => d.Mealtime))} h: as many at once as the pool has threads");
        table.Add("LongRunning", dedicated, $"{Hours(deliveries.Max(d => d.Mealtime))} h: every blocking meal on its own thread");

        Section($"5. files: {files} files of 16 KiB written one by one and gathered, in a temporary folder (aiofiles -> File.WriteAllTextAsync)");
        var fileLine = new Timeline("files: each way run once more, after its five measured rounds", clock);
        string folder = Directory.CreateTempSubdirectory("course-07-files-").FullName;
        double csharpRatio;
        try
        {
            string[] paths = [.. Enumerable.Range(0, files).Select(i => Path.Combine(folder, $"order-{i:D5}.txt"))];
            string[] texts = [.. Enumerable.Range(0, files).Select(OrderText)];
            var ways = new (string Way, Func<Task> Run)[]
            {
                ("File.WriteAllText, one by one (blocking)", () => { for (int i = 0; i < files; i++) File.WriteAllText(paths[i], texts[i]); return Task.CompletedTask; }),
                ("File.WriteAllTextAsync, one by one", async () => { for (int i = 0; i < files; i++) await File.WriteAllTextAsync(paths[i], texts[i]); }),
                ("File.WriteAllTextAsync, gathered", () => Task.WhenAll(paths.Select((p, i) => File.WriteAllTextAsync(p, texts[i])))),
                ("FileStream, Asynchronous, gathered", () => Task.WhenAll(paths.Select((p, i) => WriteWithFileStreamAsync(p, texts[i], FileOptions.Asynchronous)))),
                ("FileStream, None, gathered", () => Task.WhenAll(paths.Select((p, i) => WriteWithFileStreamAsync(p, texts[i], FileOptions.None)))),
                ("await foreach File.ReadLinesAsync, gathered", async () => CheckReadBack(await Task.WhenAll(paths.Select(ReadByLinesAsync)), texts)),
            };
            var costs = new Dictionary<string, PoolWorkCost>(StringComparer.Ordinal);
            Console.WriteLine($"{"way",-44} {"median",9}  work items per file  pool threads");
            foreach (var (way, run) in ways)
            {
                await run();                                                   // once untimed: the JIT and the file system's caches
                costs[way] = await PoolWork.MeasureAsync(run, rounds: 5);
                using (fileLine.Measure(way, "writing or reading"))
                {
                    await run();
                }

                Console.WriteLine(FormattableString.Invariant($"{way,-44} {costs[way].Median.TotalMilliseconds,6:F1} ms  {(double)costs[way].WorkItems / files,19:F2}  {costs[way].PoolThreads,12}"));
            }

            csharpRatio = costs["File.WriteAllTextAsync, gathered"].Median / costs["File.WriteAllTextAsync, one by one"].Median;
            Console.WriteLine(FormattableString.Invariant($"C#: gathered / one by one = {csharpRatio:F2}; every file read back as written; on {System.Runtime.InteropServices.RuntimeInformation.OSDescription} each async call above is a blocking call on a pool thread"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);                         // nothing left behind, whatever happened
        }

        Console.WriteLine($"(the folder {folder} was deleted: {!Directory.Exists(folder)})");
        PythonRun pythonFiles = await PythonScript.RunAsync("async_files.py", "--files", files);
        if (pythonFiles.Ran)
        {
            double Ms(string way) => pythonFiles.Result("ms", way).GetDouble();
            Console.WriteLine(FormattableString.Invariant(
                $"Python {pythonFiles.PythonVersion} (asyncio.to_thread, as aiofiles does): blocking {Ms("blocking"):F1} ms, one by one {Ms("one_by_one"):F1} ms, gathered {Ms("gathered"):F1} ms on {pythonFiles.Result("threads").GetInt32()} threads"));
            Console.WriteLine(FormattableString.Invariant($"gathered / one by one: C# {csharpRatio:F2}, Python {Ms("gathered") / Ms("one_by_one"):F2} (HTTP above: about 1/{deliveries.Count})"));
        }
        else
        {
            Console.WriteLine(pythonFiles.Skipped);
        }

        table.Print("the first run and the first request also pay for warm-up");
        Console.WriteLine();
        foreach (var (file, title, timelines) in new[]
                 {
                     ("http.html", "07: HTTP requests one by one and gathered", new[] { table.Rows[0].Timeline, table.Rows[1].Timeline }),
                     ("channel.html", "07: a kitchen and its riders, joined by a channel", new[] { kitchenLine }),
                     ("async-stream.html", "07: orders as an async stream", new[] { streamed }),
                     ("blocking.html", "07: blocking calls on the pool and on dedicated threads", new[] { onPool, dedicated }),
                     ("files.html", "07: files written and read, each way once", new[] { fileLine }),
                 })
        {
            string path = ChartHtml.Save(TimelineChart.Compare(timelines), Path.Combine(options.OutputDirectory, file), title);
            Console.WriteLine($"Chart (opens offline in any browser): {path}");
        }

        string trace = ChromeTrace.Save([table.Rows[0].Timeline, table.Rows[1].Timeline, kitchenLine, streamed, onPool, dedicated, fileLine],
            Path.Combine(options.OutputDirectory, "07-beyond-gather.trace.json"));
        Console.WriteLine($"Trace of every run (open in ui.perfetto.dev or chrome://tracing): {trace}");
        Console.WriteLine("Next: dotnet run samples/08-how-far-does-gather-scale.cs");
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

// 16 KiB of whole lines, the same text as the Python original's async_files.py writes.
static string OrderText(int i)
{
    string line = $"order {i}: soup, bread, and a slice of lemon tart\n";
    var text = new StringBuilder(16 * 1024 + line.Length);
    while (text.Length < 16 * 1024)
    {
        text.Append(line);
    }

    text.Length = 16 * 1024;
    text[^1] = '\n';
    return text.ToString();
}

// FileOptions.Asynchronous asks for asynchronous I/O: overlapped I/O on Windows; on Linux the flag is only recorded and
// each write is a blocking call run by a thread-pool thread, exactly as with FileOptions.None.
static async Task WriteWithFileStreamAsync(string path, string text, FileOptions options)
{
    byte[] bytes = Encoding.UTF8.GetBytes(text);
    await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 4096, options);
    await stream.WriteAsync(bytes);
}

// An async stream of lines (.NET 7+): await foreach reads a file a line at a time.
static async Task<string> ReadByLinesAsync(string path)
{
    var text = new StringBuilder();
    await foreach (string line in File.ReadLinesAsync(path))
    {
        text.Append(line).Append('\n');
    }

    return text.ToString();
}

static void CheckReadBack(string[] read, string[] written)
{
    for (int i = 0; i < read.Length; i++)
    {
        if (read[i] != written[i])
        {
            throw new InvalidDataException($"file {i} read back differently from how it was written");
        }
    }
}

static string Hours(double hours) => StoryHours.Format(hours);
