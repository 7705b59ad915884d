using BenchmarkDotNet.Attributes;
using DeliveryTimelines;
using Microsoft.Extensions.Time.Testing;

namespace MicroBench;

/// <summary>
/// One quiet delivery through the clock (start, wait, resume, gathered), per delivery, for batches of 10,000:
/// on fake time (the CPU cost alone, no waiting) and on the system clock with 1 ms meals (the timer wait is then
/// shared by the batch: about 1–4 ms ÷ 10,000 per delivery).
/// </summary>
[MemoryDiagnoser]
public class ClockBenchmarks
{
    private const int Deliveries = 10_000;
    private static readonly double[] OneHour = [1];
    private readonly StoryClock _systemPlain = new(0.001);
    private readonly StoryClock _systemShared = new StoryClock(0.001).WithSharedTimers();

    /// <summary>Shared timers on fake time: what the clock itself costs per delivery, with no real wait.</summary>
    [Benchmark(OperationsPerInvoke = Deliveries)]
    public async Task<double[]> SharedTimersFakeTime()
    {
        var time = new FakeTimeProvider();
        var clock = new StoryClock(1, time).WithSharedTimers();
        Task<double[]> gathered = QuietDeliveries.GatherAsync(clock, Deliveries, OneHour);
        time.Advance(TimeSpan.FromHours(1));
        return await gathered;
    }

    /// <summary>One <c>Task.Delay</c> per delivery, on the system clock, 1 ms meals.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Deliveries)]
    public Task<double[]> TaskDelayEach() => QuietDeliveries.GatherAsync(_systemPlain, Deliveries, OneHour);

    /// <summary>Shared timers on the system clock, 1 ms meals.</summary>
    [Benchmark(OperationsPerInvoke = Deliveries)]
    public Task<double[]> SharedTimers() => QuietDeliveries.GatherAsync(_systemShared, Deliveries, OneHour);
}
