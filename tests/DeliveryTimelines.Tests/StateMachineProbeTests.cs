using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Plotly.NET;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class StateMachineProbeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static async Task<(double Result, StateMachineReading[] Readings, StoryClock Clock, int Caller)> RunTwoAwaitsAsync()
    {
        var clock = new StoryClock(0.2);
        var probe = new StateMachineProbe(clock);
        async Task<double> Delivery(double hours)
        {
            probe.Running();
            await probe.WaitAsync(hours / 2);
            probe.Running();
            await probe.WaitAsync(hours / 2);
            probe.Running();
            return hours;
        }

        int caller = Environment.CurrentManagedThreadId;
        double result = await probe.RunAsync(() => Delivery(1)).WaitAsync(Bound);
        return (result, probe.Readings(), clock, caller);
    }

    [Fact]
    public async Task Reads_the_state_field_at_each_await_and_around_each_MoveNext()
    {
        var (result, readings, _, caller) = await RunTwoAwaitsAsync();
        // A Debug build makes the state machine a class, which keeps its final state; a Release build's struct is reset.
        bool machineIsClass = typeof(StateMachineProbeTests).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true;

        Assert.Equal(1, result);
        Assert.Equal(
            [
                (1, StateMachineMoment.Running, (int?)null), // before the first await there is no box to read
                (1, StateMachineMoment.Parked, 0),
                (1, StateMachineMoment.Returned, 0),          // the call returned its task, parked at await #1
                (2, StateMachineMoment.Resumed, 0),
                (2, StateMachineMoment.Running, -1),
                (2, StateMachineMoment.Parked, 1),
                (2, StateMachineMoment.Returned, 1),
                (3, StateMachineMoment.Resumed, 1),
                (3, StateMachineMoment.Running, -1),
                (3, StateMachineMoment.Returned, machineIsClass ? -2 : null),
            ],
            readings.Select(r => (r.MoveNext, r.Moment, r.State)));
        Assert.Equal(caller, readings[0].ThreadId);      // the call runs on the caller's thread
        Assert.All(readings.Where(r => r.MoveNext > 1), r => Assert.True(r.OnThreadPool)); // timers resume it on the pool
        Assert.True(readings[3].At - readings[0].At >= TimeSpan.FromMilliseconds(50)); // half of 1 h at 0.2 s/h, less a timer tick
    }

    [Fact]
    public async Task Watches_one_call_only()
    {
        var probe = new StateMachineProbe(new StoryClock(0.02));
        Assert.Equal(1, await probe.RunAsync(() => Task.FromResult(1)));
        Assert.Contains("one call", (await Assert.ThrowsAsync<InvalidOperationException>(() => probe.RunAsync(() => Task.FromResult(2)))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => probe.WaitAsync(-1));
    }

    [Fact]
    public async Task The_state_chart_draws_the_states_read_and_names_them()
    {
        var (_, readings, clock, _) = await RunTwoAwaitsAsync();

        JsonElement figure = Figure(StateMachineChart.States(readings, clock, "one delivery"));
        JsonElement trace = figure.GetProperty("data")[0];
        Assert.Equal(readings.Where(r => r.State is not null).Select(r => r.State!.Value), trace.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0, 0, 0, -1, 1, 1, 1, -1], trace.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()).Take(8));
        Assert.Equal("hv", trace.GetProperty("line").GetProperty("shape").GetString());
        JsonElement yAxis = figure.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal(["-2 done", "-1 running", "0 parked at await #1", "1 parked at await #2"], yAxis.GetProperty("ticktext").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("one delivery", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        string[] labels = [.. trace.GetProperty("text").EnumerateArray().Select(v => v.GetString()!).Where(t => t.Length > 0)];
        Assert.Equal(["MoveNext #1", "MoveNext #2", "MoveNext #3"], labels.Select(l => l.Trim().Split(',')[0])); // each call labelled once
        Assert.Equal($" MoveNext #2, thread {readings.First(r => r.MoveNext == 2 && r.Moment == StateMachineMoment.Running).ThreadId}", labels[1]);
        Assert.Throws<ArgumentException>(() => StateMachineChart.States([], clock, "t"));
    }

    [Fact]
    public async Task The_thread_chart_puts_each_step_on_its_thread_in_order()
    {
        var (_, readings, clock, _) = await RunTwoAwaitsAsync();

        JsonElement trace = Figure(StateMachineChart.ThreadHops(readings, clock, "hops")).GetProperty("data")[0];
        var running = readings.Where(r => r.Moment == StateMachineMoment.Running).ToArray();
        Assert.Equal(running.Select(r => $"thread {r.ThreadId}{(r.OnThreadPool ? " (pool)" : "")}"), trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["step 1", "step 2", "step 3"], trace.GetProperty("text").EnumerateArray().Select(v => v.GetString()));
        Assert.Throws<ArgumentException>(() => StateMachineChart.ThreadHops([], clock, "t"));
    }

    [Fact]
    public void State_names_say_what_each_number_means()
    {
        Assert.Equal("-2 done", StateMachineChart.StateName(-2));
        Assert.Equal("-1 running", StateMachineChart.StateName(-1));
        Assert.Equal("2 parked at await #3", StateMachineChart.StateName(2));
    }

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;
}
