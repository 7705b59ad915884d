using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>07 — what the async-toolbox lesson claims, measured in the run whose outputs the learner reads.</summary>
[NotebookClaims(Notebook,
    "new { oneByOneHours = clock.ToHours(oneByOne.Elapsed), throttledHttpHours = clock.ToHours(throttledHttp.Elapsed), " +
    "gatheredHttpHours = clock.ToHours(gatheredHttp.Elapsed), answerHours, requests, riders, mostAtOnceOneByOne, mostAtOnceThrottled, " +
    "mostAtOnceGathered, sameResults = gatheredResults.SequenceEqual(oneByOneResults) && throttledResults.SequenceEqual(oneByOneResults), " +
    "serverHost = server.Address.Host, served = server.Served, kitchenHours = clock.ToHours(kitchenLine.Elapsed), pipelineIdeal, " +
    "kitchenMost = kitchenLine.MostAtOnce(Phase.Eating), delivered = kitchenLine.Snapshot().Count(s => s.Phase == Phase.Collecting), lunchRush, " +
    "shelfFullHours, updates, updatesBeforeCancel, streamCancelledAtHours, shiftLog, poolHours = clock.ToHours(onPool.Elapsed), " +
    "dedicatedHours = clock.ToHours(dedicated.Elapsed), dedicatedThreads, longest = deliveries.Max(d => d.Mealtime), sum = deliveries.Sum(d => d.Mealtime), " +
    "minWorkers = poolGrowth.MinThreads, threadsBefore = poolGrowth.ThreadsBefore, blockers = poolGrowth.StartedAtOnce + poolGrowth.Waits.Count, " +
    "startedAtOnce = poolGrowth.StartedAtOnce, lateStartsMs = poolGrowth.LateStarts.Select(t => t.TotalMilliseconds), " +
    "injectionGapsMs = poolGrowth.LateStarts.Select((t, i) => (i == 0 ? t : t - poolGrowth.LateStarts[i - 1]).TotalMilliseconds), " +
    "files, linux = OperatingSystem.IsLinux(), cores = Environment.ProcessorCount, allReadBack, folderGone = !Directory.Exists(fileFolder), streamResumedThreads, " +
    "blockingWriteItems = blockingWrite.WorkItems, oneByOneWriteItems = oneByOneWrite.WorkItems, gatheredWriteItems = gatheredWrite.WorkItems, " +
    "asyncStreamItems = asyncStreamWrite.WorkItems, plainStreamItems = plainStreamWrite.WorkItems, gatheredWriteRatio, " +
    "python = PythonScript.Python3 is not null, pythonFilesRan = pythonFiles.Ran, pythonFilesSkipped = pythonFiles.Skipped, " +
    "pythonBlockingMs = pythonFiles.Ran ? PythonMs(\"blocking\") : -1, pythonOneByOneMs = pythonFiles.Ran ? PythonMs(\"one_by_one\") : -1, " +
    "pythonGatheredMs = pythonFiles.Ran ? PythonMs(\"gathered\") : -1, pythonFileThreads, pythonReadBack, " +
    "hints = new[] { exercise1, exercise2, exercise3 }.SelectMany(e => e.Hints).ToArray() }")]
public sealed partial class BeyondGatherNotebookTests
{
    private const string Notebook = "07-beyond-gather";

    [Fact]
    public async Task Gathered_HTTP_requests_are_faster_than_one_by_one_and_throttling_caps_the_server_s_load()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int requests = claims.GetProperty("requests").GetInt32(), riders = claims.GetProperty("riders").GetInt32();
        double oneByOne = claims.GetProperty("oneByOneHours").GetDouble();
        double gathered = claims.GetProperty("gatheredHttpHours").GetDouble() / oneByOne;
        double throttled = claims.GetProperty("throttledHttpHours").GetDouble() / oneByOne;
        Assert.True(gathered <= 0.4, $"gathered/one by one = {gathered:F3}; expected about 1/{requests} and at most 0.4");
        Assert.True(throttled <= 0.7, $"throttled/one by one = {throttled:F3}; expected about 1/{riders} and at most 0.7");
        Assert.Equal(1, claims.GetProperty("mostAtOnceOneByOne").GetInt32());
        Assert.Equal(riders, claims.GetProperty("mostAtOnceThrottled").GetInt32());
        Assert.Equal(requests, claims.GetProperty("mostAtOnceGathered").GetInt32());
        Assert.True(claims.GetProperty("sameResults").GetBoolean());
    }

    [Fact]
    public async Task The_menu_server_listens_on_loopback_only_and_served_every_request()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal("127.0.0.1", claims.GetProperty("serverHost").GetString());
        int requests = claims.GetProperty("requests").GetInt32();
        Assert.Equal(1 + 4 * requests, claims.GetProperty("served").GetInt32()); // a warm-up, three runs and the exercise
    }

    [Fact]
    public async Task A_bounded_channel_feeds_every_dish_to_at_most_K_riders_with_back_pressure()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(claims.GetProperty("lunchRush").GetInt32(), claims.GetProperty("delivered").GetInt32());
        Assert.Equal(claims.GetProperty("riders").GetInt32(), claims.GetProperty("kitchenMost").GetInt32());
        Assert.InRange(claims.GetProperty("kitchenHours").GetDouble() / claims.GetProperty("pipelineIdeal").GetDouble(), 0.95, 1.3);
        Assert.True(claims.GetProperty("shelfFullHours").GetDouble() > 0, "the kitchen never waited for room on the shelf");
    }

    [Fact]
    public async Task An_async_stream_delivers_updates_in_order_and_stops_when_cancelled()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(
            ["C: on the way", "C: delivered", "C: eating, hour 1 of 3", "C: eating, hour 2 of 3", "C: eating, hour 3 of 3", "C: dishes collected"],
            claims.GetProperty("updates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, claims.GetProperty("updatesBeforeCancel").GetInt32());
        Assert.InRange(claims.GetProperty("streamCancelledAtHours").GetDouble() / 1.5, 0.95, 1.25);
    }

    [Fact]
    public async Task Await_using_cleans_up_before_the_exception_reaches_the_catch()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(
            ["Kim's shift starts", "Kim's shift is over, bike returned", "caught after the shift ended: A dropped the plate after 0.5 h"],
            claims.GetProperty("shiftLog").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Blocking_calls_overlap_on_dedicated_threads_and_at_least_partly_on_the_pool()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double longest = claims.GetProperty("longest").GetDouble(), sum = claims.GetProperty("sum").GetDouble();
        Assert.Equal(3, claims.GetProperty("dedicatedThreads").GetInt32());
        Assert.InRange(claims.GetProperty("dedicatedHours").GetDouble() / longest, 0.95, 1.25);
        double pool = claims.GetProperty("poolHours").GetDouble();
        Assert.True(pool <= 0.8 * sum, $"Task.Run took {pool:F2} h of a {sum} h sum; at least two cores' worth should overlap");
    }

    [Fact]
    public async Task The_pool_starts_its_minimum_at_once_and_lets_each_thread_beyond_it_in_only_after_a_wait()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int minWorkers = claims.GetProperty("minWorkers").GetInt32(), atOnce = claims.GetProperty("startedAtOnce").GetInt32();
        double[] late = Doubles(claims.GetProperty("lateStartsMs"));
        Assert.Equal(claims.GetProperty("cores").GetInt32(), minWorkers);            // the default minimum: one per core
        Assert.True(atOnce >= minWorkers, $"{atOnce} work items started at once; the pool creates up to its minimum of {minWorkers} on demand");
        Assert.True(late.Length >= 1, $"none of {claims.GetProperty("blockers").GetInt32()} blocking work items waited for a thread");
        // Each waited for the starvation check (every 500 ms); usually one thread each time, but hill climbing can let a
        // few in together, so the gaps between them are printed, not held to a bound.
        Assert.True(late.All(ms => ms >= 250), $"late starts at {string.Join(", ", late.Select(ms => $"{ms:F0}"))} ms: one came before any starvation check");
    }

    [Fact]
    public async Task Files_written_gathered_gain_far_less_than_requests_and_every_async_call_is_pool_work()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        int files = claims.GetProperty("files").GetInt32();
        Assert.True(claims.GetProperty("allReadBack").GetBoolean());
        Assert.True(claims.GetProperty("folderGone").GetBoolean(), "the cell left its temporary folder behind");
        double httpRatio = claims.GetProperty("gatheredHttpHours").GetDouble() / claims.GetProperty("oneByOneHours").GetDouble();
        double fileRatio = claims.GetProperty("gatheredWriteRatio").GetDouble();
        Assert.InRange(fileRatio, 0.15, 1.3);                                          // a little faster, or the same: never files times
        Assert.True(fileRatio > httpRatio, $"gathered/one by one: files {fileRatio:F2}, HTTP {httpRatio:F2}; a file write is no wait, a request is");
        Assert.True(claims.GetProperty("blockingWriteItems").GetInt64() < files / 4, "the blocking loop ran thread-pool work");
        Assert.True(claims.GetProperty("oneByOneWriteItems").GetInt64() >= files, "an awaited File.WriteAllTextAsync ran less than one work item");
        Assert.True(claims.GetProperty("gatheredWriteItems").GetInt64() >= files, "a gathered File.WriteAllTextAsync ran less than one work item");
        if (claims.GetProperty("linux").GetBoolean())
        {
            double withFlag = claims.GetProperty("asyncStreamItems").GetInt64(), without = claims.GetProperty("plainStreamItems").GetInt64();
            Assert.True(withFlag >= 0.9 * files, $"{withFlag} work items for {files} FileStream writes with FileOptions.Asynchronous: each is pool work on Linux");
            Assert.InRange(withFlag / without, 0.8, 1.25);                              // the flag changes nothing on Linux
            Assert.InRange(claims.GetProperty("streamResumedThreads").GetInt32(), 1, 64);
        }
    }

    [Fact]
    public async Task Python_writes_files_on_worker_threads_too_and_gathering_them_gains_little_in_both_languages()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        if (!claims.GetProperty("python").GetBoolean())
        {
            Assert.False(claims.GetProperty("pythonFilesRan").GetBoolean());
            Assert.StartsWith("python3 was not found", claims.GetProperty("pythonFilesSkipped").GetString(), StringComparison.Ordinal);
            return;
        }

        Assert.True(claims.GetProperty("pythonReadBack").GetBoolean());
        int threads = claims.GetProperty("pythonFileThreads").GetInt32(), cores = claims.GetProperty("cores").GetInt32();
        Assert.InRange(threads, 2, Math.Min(32, cores + 4));                           // to_thread's default executor
        double blocking = claims.GetProperty("pythonBlockingMs").GetDouble(), oneByOne = claims.GetProperty("pythonOneByOneMs").GetDouble();
        double pythonRatio = claims.GetProperty("pythonGatheredMs").GetDouble() / oneByOne;
        Assert.True(oneByOne / blocking >= 1.1, $"Python: to_thread one by one {oneByOne:F1} ms, blocking {blocking:F1} ms; a thread hop per file costs");
        double httpRatio = claims.GetProperty("gatheredHttpHours").GetDouble() / claims.GetProperty("oneByOneHours").GetDouble();
        Assert.True(pythonRatio > httpRatio && claims.GetProperty("gatheredWriteRatio").GetDouble() > httpRatio,
            $"gathered/one by one: Python files {pythonRatio:F2}, C# files {claims.GetProperty("gatheredWriteRatio").GetDouble():F2}, HTTP {httpRatio:F2}");
    }

    [Fact]
    public async Task Hints_name_what_to_use_and_hold_no_code_that_could_fail_to_compile()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string[] hints = [.. claims.GetProperty("hints").EnumerateArray().Select(h => h.GetString() ?? "")];
        Assert.Equal(8, hints.Length);
        foreach (string hint in hints)
        {
            Assert.DoesNotContain("```", hint, StringComparison.Ordinal);
            // Inline code is a name (a type, a member, `await foreach`): nothing a learner would paste and compile.
            foreach (Match code in InlineCode().Matches(hint))
            {
                Assert.True(NameOnly().IsMatch(code.Groups[1].Value),
                    $"The hint \"{hint}\" holds code, `{code.Groups[1].Value}`: keep hints to names, or compile the code in a test");
            }
        }
    }

    [Fact]
    public async Task A_bad_value_stops_the_parameters_cell_and_names_it()
    {
        (string Value, string Bad, string Message)[] cases =
        [
            ("var files = 200;", "var files = 0;", "files is 0: it must be a whole number from 1 to 10,000."),
            ("var riders = 2;", "var riders = 0;", "riders is 0: it must be a whole number from 1 to 10."),
            ("var cookHours = 0.25;", "var cookHours = -1;", "cookHours is -1 h: it must be a finite number of story hours, 0 or more."),
            ("var secondsPerHour = 1.0;", "var secondsPerHour = 0;", "secondsPerHour is 0: the clock scale must be from"),
        ];
        CellError[] errors = await ParametersCellRun.FailuresWith(Notebook, [.. cases.Select(c => (c.Value, c.Bad))]);

        for (int i = 0; i < cases.Length; i++)
        {
            Assert.Contains(cases[i].Message, errors[i].Error, StringComparison.Ordinal);
        }
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^(await foreach|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$")]
    private static partial Regex NameOnly();
}
