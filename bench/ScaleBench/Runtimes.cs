namespace ScaleBench;

/// <summary>The three ways of gathering N deliveries, by the names the results use.</summary>
internal static class Runtimes
{
    public const string Python = "python";
    public const string Delay = "csharp-delay";
    public const string Shared = "csharp-shared";

    /// <summary>The C# processes' baseline: the same program and warm-up with N = 0.</summary>
    public const string CSharpBaseline = "csharp-baseline";

    public static string Label(string runtime) => runtime switch
    {
        Python => "Python asyncio.gather",
        Delay => "C# WhenAll + Task.Delay each",
        Shared => "C# WhenAll + SharedTimers",
        _ => runtime,
    };
}

/// <summary>One child process's figures: wall time, CPU time (all threads) of the gather, and the process's peak RSS.</summary>
internal sealed record GatherRun(string Runtime, int N, int Repeat, double Wall, double Cpu, long PeakRssBytes);

/// <summary>One way of cooking, one run.</summary>
internal sealed record CpuRun(string Runtime, string Way, int Repeat, int Dishes, int Units, double Wall);
