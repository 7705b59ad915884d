using BenchmarkDotNet.Attributes;
using DeliveryTimelines;

namespace MicroBench;

/// <summary>What one recorded event costs: the timeline sits on every delivery's hot path.</summary>
[MemoryDiagnoser]
public class TimelineBenchmarks
{
    // A fresh timeline per invocation, filled with as many events as a 100,000-delivery run records
    // (so the cost of growing its storage is part of the figure).
    private const int EventsPerInvocation = 100_000;
    private Timeline _timeline = new();

    /// <summary>Record with explicit times: the enqueue alone.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public void Record()
    {
        _timeline = new Timeline("bench");
        for (int i = 0; i < EventsPerInvocation; i++)
        {
            _timeline.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromTicks(i));
        }
    }

    /// <summary>Measure: two monotonic timestamps plus the enqueue, what a real span costs.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public void Measure()
    {
        _timeline = new Timeline("bench");
        for (int i = 0; i < EventsPerInvocation; i++)
        {
            using (_timeline.Measure("A", Phase.Cooking))
            {
            }
        }
    }

    /// <summary>Record from both cores at once: the contended case.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvocation * 2)]
    public void RecordFromTwoThreads()
    {
        _timeline = new Timeline("bench");
        Parallel.For(0, 2, _ =>
        {
            for (int i = 0; i < EventsPerInvocation; i++)
            {
                _timeline.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromTicks(i));
            }
        });
    }
}
