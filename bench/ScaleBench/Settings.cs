using System.Globalization;

namespace ScaleBench;

/// <summary>What the command line chose.</summary>
internal sealed record Settings(int Max, int Repeats, double Seconds, string OutputDirectory, bool Cpu)
{
    /// <summary>The sweep's sizes, of which those up to <see cref="Max"/> run.</summary>
    public static readonly int[] AllSizes = [1_000, 10_000, 100_000, 1_000_000];

    public const string Usage = """
        ScaleBench: N deliveries gathered, each waiting --seconds, in C# (Task.Delay each; SharedTimers) and Python asyncio.
          --max N        largest N of 1000, 10000, 100000, 1000000 (default 1000000)
          --repeats R    runs of each size and runtime, alternating; medians reported (default 3)
          --seconds S    real seconds each delivery waits, the ideal wall time (default 1)
          --out DIR      where scale.json, scale.csv, cpu.csv and the charts go (default artifacts/bench)
          --no-cpu       skip the CPU-bound rows
        The full default run takes 4-7 minutes on 2 cores (Python at 1M: ~40 s and ~1.7 GB per run).
        """;

    public IReadOnlyList<int> Sizes => AllSizes.Where(n => n <= Max).ToArray();

    /// <summary>Parses the command line; null for --help.</summary>
    /// <exception cref="ArgumentException">An unknown argument or a value out of range, named in the message.</exception>
    public static Settings? Parse(IReadOnlyList<string> args)
    {
        var settings = new Settings(1_000_000, 3, 1.0, DefaultOutput(), Cpu: true);
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value.");
            settings = flag switch
            {
                "-h" or "--help" => null,
                "--max" => settings with { Max = Number(flag, Value(), AllSizes[0], int.MaxValue) },
                "--repeats" => settings with { Repeats = Number(flag, Value(), 1, 100) },
                "--seconds" => settings with { Seconds = ParseSeconds(Value()) },
                "--out" => settings with { OutputDirectory = Path.GetFullPath(Value()) },
                "--no-cpu" => settings with { Cpu = false },
                _ => throw new ArgumentException($"unknown argument '{flag}'; see --help."),
            };
            if (settings is null)
            {
                return null;
            }
        }

        return settings;
    }

    private static int Number(string flag, string text, int min, int max) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal),
            NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{flag} must be a whole number from {min} to {max}; got '{text}'.");

    private static double ParseSeconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0.01 && s <= 60
            ? s
            : throw new ArgumentException($"--seconds must be a number from 0.01 to 60; got '{text}'.");

    private static string DefaultOutput()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConcurrencyCourse.slnx")))
            {
                return Path.Combine(dir.FullName, "artifacts", "bench");
            }
        }

        return Path.GetFullPath(Path.Combine("artifacts", "bench"));
    }
}
