using BenchmarkDotNet.Attributes;

namespace MicroBench;

/// <summary>What Task.WhenAll costs per task, for pending tasks completed together.</summary>
[MemoryDiagnoser]
public class WhenAllBenchmarks
{
    private const int Tasks = 1_000;

    [Benchmark(OperationsPerInvoke = Tasks)]
    public async Task WhenAllPerTask()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new Task[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = Wait(gate.Task);
        }

        gate.SetResult();
        await Task.WhenAll(tasks);

        static async Task Wait(Task gate) => await gate;
    }
}
