using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// 03 — async methods as coroutines: re-entries, the state machine's shape and its states read from a run, the threads
/// its steps ran on, where continuations run (a notebook cell, a real ASP.NET Core request, a single-thread loop, and
/// asyncio's loop), who runs first (C# beside the Python scripts), awaitables, RunContinuationsAsynchronously,
/// ValueTask's rules, a hand-written awaiter, fire and forget, async void. Both sides of each contrast come from the
/// same run the learner's outputs show.
/// </summary>
[NotebookClaims(Notebook,
    "new { traced, reentries, steps, probed, moveNextCalls, stepThreads, " +
    "readings = readings.Select(r => new { r.MoveNext, Moment = r.Moment.ToString(), r.State, r.ThreadId, r.OnThreadPool }).ToArray(), " +
    "inCell, onLoop, aspNetCore, programExit = programRun.ExitCode, loopThread = loopThread.Results, loopThreadRan = loopThread.Ran, continuationsFailed = continuationChecks.Failed, " +
    "stateMachineFields = stateMachine.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public).Select(f => f.Name).ToArray(), " +
    "cellMachineIsStruct = stateMachine.IsValueType, cellsOptimized, libraryOptimized, " +
    "noWaitType = noWait.GetType().Name, mustWaitType = mustWait.GetType().Name, mustWaitMachineIsStruct = mustWait.GetType().GetGenericArguments()[^1].IsValueType, " +
    "libraryType = fromLibrary.GetType().Name, libraryMachineIsStruct = fromLibrary.GetType().GetGenericArguments()[^1].IsValueType, " +
    "python = PythonScript.Python3 is not null, callOrder, createTaskOrder = createTaskOrder.Results, eagerRan = eagerTasks.Ran, eagerSkipped = eagerTasks.Skipped, " +
    "eagerOrder = eagerTasks.Results, eagerPython = eagerTasks.PythonVersion, lazyEvents, futureValue, " +
    "defaultInline = byDefault.Inline, defaultMs = byDefault.SetResultTook.TotalMilliseconds, queuedInline = queued.Inline, queuedMs = queued.SetResultTook.TotalMilliseconds, " +
    "futureCallbacks = futureCallbacks.Results, firstRead, secondRead, valueTaskWhenAllExists, gatheredMealtimes, gatheredLookupHours, " +
    "mealAtFirst, mealHours, mealTook, awaitables = awaitables.Results, reportsBeforeCollection, unobserved, fireAndForget = fireAndForget.Results, callerCaught, loopReceived }")]
public sealed class CoroutinesNotebookTests
{
    private const string Notebook = "03-coroutines-as-async-methods";

    [Fact]
    public async Task A_delivery_is_re_entered_after_each_await()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1.0, claims.GetProperty("traced").GetDouble());
        Assert.Equal(2, claims.GetProperty("reentries").GetInt32());       // one per await
        Assert.Equal(9, claims.GetProperty("steps").GetInt32()); // 3 coroutines × (2 yields + the final step)
    }

    [Fact]
    public async Task The_state_machine_is_a_class_in_the_cells_and_a_struct_in_Release_boxed_into_the_task_only_when_it_waits()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Contains("<>1__state", Strings(claims.GetProperty("stateMachineFields")));
        Assert.False(claims.GetProperty("cellsOptimized").GetBoolean());             // the kernel compiles cells as Debug...
        Assert.False(claims.GetProperty("cellMachineIsStruct").GetBoolean());        // ...so the state machine is a class
        Assert.True(claims.GetProperty("libraryOptimized").GetBoolean());            // lib/ is built in Release...
        Assert.True(claims.GetProperty("libraryMachineIsStruct").GetBoolean());      // ...where it is a struct
        Assert.Equal("Task`1", claims.GetProperty("noWaitType").GetString());        // never waited: no box
        Assert.StartsWith("AsyncStateMachineBox", claims.GetProperty("mustWaitType").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("AsyncStateMachineBox", claims.GetProperty("libraryType").GetString(), StringComparison.Ordinal);
        Assert.False(claims.GetProperty("mustWaitMachineIsStruct").GetBoolean());
    }

    [Fact]
    public async Task The_states_drawn_are_read_from_the_run_three_MoveNext_calls_for_two_awaits_each_step_on_the_thread_that_ran_it()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1.0, claims.GetProperty("probed").GetDouble());
        Assert.Equal(3, claims.GetProperty("moveNextCalls").GetInt32());
        JsonElement[] readings = [.. claims.GetProperty("readings").EnumerateArray()];
        Assert.Equal(
            ["1 Running ?", "1 Parked 0", "1 Returned 0", "2 Resumed 0", "2 Running -1", "2 Parked 1", "2 Returned 1", "3 Resumed 1", "3 Running -1", "3 Returned -2"],
            readings.Select(r => $"{r.GetProperty("MoveNext").GetInt32()} {r.GetProperty("Moment").GetString()} {(r.GetProperty("State").ValueKind == JsonValueKind.Null ? "?" : r.GetProperty("State").GetInt32())}"));
        Assert.All(readings.Where(r => r.GetProperty("MoveNext").GetInt32() > 1), r => Assert.True(r.GetProperty("OnThreadPool").GetBoolean())); // timers resume it on the pool
        int[] running = [.. readings.Where(r => r.GetProperty("Moment").GetString() == "Running").Select(r => r.GetProperty("ThreadId").GetInt32())];
        Assert.Equal(running, claims.GetProperty("stepThreads").EnumerateArray().Select(t => t.GetInt32())); // the lanes chart's threads are the steps'
    }

    [Fact]
    public async Task Continuations_run_on_the_pool_in_a_cell_and_in_ASP_NET_Core_on_the_loop_thread_on_a_loop_and_always_on_asyncio_s_loop()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Empty(Strings(claims.GetProperty("continuationsFailed")));
        Assert.Equal(0, claims.GetProperty("programExit").GetInt32());
        JsonElement cell = claims.GetProperty("inCell"), loop = claims.GetProperty("onLoop");
        Assert.Equal("null", cell.GetProperty("Context").GetString());
        Assert.True(cell.GetProperty("AfterAwait").GetProperty("Pool").GetBoolean());
        Assert.True(cell.GetProperty("AfterConfigureAwaitFalse").GetProperty("Pool").GetBoolean());
        string aspNetCore = claims.GetProperty("aspNetCore").GetString()!;          // a real request, served by Kestrel in the program
        Assert.Contains("SynchronizationContext: null ", aspNetCore, StringComparison.Ordinal);
        Assert.Equal(3, aspNetCore.Split("(pool)").Length - 1);                     // started, after await, after ConfigureAwait(false)
        Assert.NotEqual("null", loop.GetProperty("Context").GetString());
        Assert.Equal(loop.GetProperty("Started").GetProperty("Thread").GetInt32(), loop.GetProperty("AfterAwait").GetProperty("Thread").GetInt32());
        Assert.False(loop.GetProperty("AfterAwait").GetProperty("Pool").GetBoolean());
        Assert.True(loop.GetProperty("AfterConfigureAwaitFalse").GetProperty("Pool").GetBoolean());
        if (claims.GetProperty("python").GetBoolean())
        {
            Assert.True(claims.GetProperty("loopThreadRan").GetBoolean());
            JsonElement python = claims.GetProperty("loopThread");
            Assert.Equal([python.GetProperty("loop_thread").GetInt64()], python.GetProperty("resume_threads").EnumerateArray().Select(t => t.GetInt64()));
            Assert.True(python.GetProperty("to_thread_ran_elsewhere").GetBoolean());
            Assert.True(python.GetProperty("after_to_thread_on_loop").GetBoolean());
        }
    }

    [Fact]
    public async Task A_CSharp_call_runs_the_body_at_once_where_create_task_waits_and_eager_tasks_say_plainly_when_they_cannot_run()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["calling TracedBody()", "body starts", "got a task back", "after await"], Strings(claims.GetProperty("callOrder")));
        Assert.Equal(["making a Func<Task>", "got a Func<Task>", "body starts", "after await"], Strings(claims.GetProperty("lazyEvents")));
        if (!claims.GetProperty("python").GetBoolean())
        {
            Assert.StartsWith("python3 was not found", claims.GetProperty("eagerSkipped").GetString(), StringComparison.Ordinal);
            return;
        }

        JsonElement python = claims.GetProperty("createTaskOrder").GetProperty("order");
        Assert.Equal(["calling traced_body()", "got a coroutine object", "body starts", "after await"], Strings(python.GetProperty("coroutine")));
        Assert.Equal(["calling create_task(traced_body())", "got a task back", "body starts", "after await"], Strings(python.GetProperty("create_task")));
        string version = claims.GetProperty("eagerPython").GetString() ?? string.Empty;
        if (claims.GetProperty("eagerRan").GetBoolean())
        {
            Assert.Equal(["calling create_task(traced_body())", "body starts", "got a task back", "after await"], // the C# order
                Strings(claims.GetProperty("eagerOrder").GetProperty("order")));
        }
        else
        {
            Assert.Equal($"asyncio.eager_task_factory needs Python 3.12 or later; this is Python {version}", claims.GetProperty("eagerSkipped").GetString());
            Assert.True(Version.Parse(version) < new Version(3, 12), version);
        }
    }

    [Fact]
    public async Task SetResult_runs_one_awaiter_inline_by_default_and_none_with_RunContinuationsAsynchronously_as_a_Future_never_does()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(42, claims.GetProperty("futureValue").GetDouble());
        Assert.Equal(1, claims.GetProperty("defaultInline").GetInt32());             // the first of three awaiters, on the kitchen's thread
        Assert.Equal(0, claims.GetProperty("queuedInline").GetInt32());
        double held = claims.GetProperty("defaultMs").GetDouble(), queued = claims.GetProperty("queuedMs").GetDouble();
        Assert.True(held >= 25, $"SetResult returned after {held:F1} ms; the inline awaiter sleeps 30 ms");
        Assert.True(queued < held, $"with the option SetResult took {queued:F1} ms, without it {held:F1} ms");
        if (claims.GetProperty("python").GetBoolean())
        {
            JsonElement python = claims.GetProperty("futureCallbacks");
            Assert.Equal(0, python.GetProperty("inline").GetInt32());
            Assert.Equal(["calling set_result", "set_result returned", "awaiter 1 resumed", "awaiter 2 resumed", "awaiter 3 resumed"],
                Strings(python.GetProperty("order")));
        }
    }

    [Fact]
    public async Task A_ValueTask_is_awaited_once_and_gathered_through_AsTask_and_a_hand_written_awaiter_waits_like_await_in_Python()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(1.5, claims.GetProperty("firstRead").GetDouble());
        Assert.StartsWith("InvalidOperationException: ", claims.GetProperty("secondRead").GetString(), StringComparison.Ordinal);
        Assert.False(claims.GetProperty("valueTaskWhenAllExists").GetBoolean());
        Assert.Equal([1.0, 2.0, 3.0], Doubles(claims.GetProperty("gatheredMealtimes")));
        double lookups = claims.GetProperty("gatheredLookupHours").GetDouble();
        Assert.True(lookups < 0.5 * 2, $"three 0.5 h lookups gathered took {lookups:F2} h; one after another they take 1.5 h");

        Assert.False(claims.GetProperty("mealAtFirst").GetBoolean());
        Assert.Equal(1.0, claims.GetProperty("mealHours").GetDouble());
        Assert.InRange(claims.GetProperty("mealTook").GetDouble(), 0.9, 1.5);        // A's 1 h meal, with room for the timer tick and load
        if (claims.GetProperty("python").GetBoolean())
        {
            JsonElement python = claims.GetProperty("awaitables");
            Assert.Equal("cannot reuse already awaited coroutine", python.GetProperty("coroutine_again").GetString());
            Assert.Equal([1.0, 1.0], Doubles(python.GetProperty("task_again")));
            Assert.Equal(1.0, python.GetProperty("meal").GetDouble());
            Assert.InRange(python.GetProperty("meal_hours").GetDouble(), 1.0, 1.5); // asyncio never wakes early
        }
    }

    [Fact]
    public async Task A_forgotten_task_is_reported_only_when_collected_while_asyncio_reports_it_by_itself_and_async_void_escapes_its_caller()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Contains("B dropped the plate after 0.5 h", Strings(claims.GetProperty("unobserved")));
        Assert.False(claims.GetProperty("callerCaught").GetBoolean());
        Assert.Equal("C dropped the plate after 0.5 h", claims.GetProperty("loopReceived").GetString());
        if (claims.GetProperty("python").GetBoolean())
        {
            JsonElement python = claims.GetProperty("fireAndForget");
            Assert.Equal("Task exception was never retrieved", python.GetProperty("reported").GetString());
            Assert.InRange(python.GetProperty("reported_at").GetDouble(), 0.5, 1.0); // as soon as the forgotten task failed and was dropped
        }
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? "(null)")];
}
