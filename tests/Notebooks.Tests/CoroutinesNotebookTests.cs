using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>03 — async methods as coroutines: re-entries, hot vs lazy order, the future, async void.</summary>
[NotebookClaims(Notebook,
    "new { traced, gatheredTraced, reentries, hotEvents, lazyEvents, futureValue, stateMachineFields = stateMachine.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public).Select(f => f.Name).ToArray(), " +
    "callerCaught, caught = catching.Caught.Count, steps }")]
public sealed class CoroutinesNotebookTests
{
    private const string Notebook = "03-coroutines-as-async-methods";

    [Fact]
    public async Task Each_delivery_is_re_entered_after_each_await()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.True(claims.GetProperty("reentries").GetInt32() >= 2 * 4, claims.ToString()); // 2 per delivery: 1 traced alone + 3 gathered
        Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty("gatheredTraced").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Contains("<>1__state", claims.GetProperty("stateMachineFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(9, claims.GetProperty("steps").GetInt32()); // 3 coroutines × (2 yields + the final step)
    }

    [Fact]
    public async Task A_called_async_method_runs_before_the_caller_gets_its_task_and_a_Func_waits()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(["calling HotDelivery()", "body starts", "got a Task back", "after await"],
            claims.GetProperty("hotEvents").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["making a Func<Task>", "got a Func<Task>", "body starts", "after await"],
            claims.GetProperty("lazyEvents").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_future_completes_and_async_void_escapes_its_caller()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(42, claims.GetProperty("futureValue").GetDouble());
        Assert.False(claims.GetProperty("callerCaught").GetBoolean());
        Assert.Equal(1, claims.GetProperty("caught").GetInt32());
    }
}
