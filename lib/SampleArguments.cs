using System.Globalization;
using System.Runtime.CompilerServices;

namespace DeliveryTimelines;

/// <summary>What a learner chose on a sample's command line.</summary>
/// <param name="Deliveries">The customers and their mealtimes in story hours: A, B, C… in the order given.</param>
/// <param name="SecondsPerHour">Real seconds per story hour.</param>
/// <param name="OutputDirectory">Where the sample saves its charts (full path).</param>
public sealed record SampleOptions(IReadOnlyList<(string Name, double Mealtime)> Deliveries, double SecondsPerHour, string OutputDirectory)
{
    /// <summary>A story clock at <see cref="SecondsPerHour"/>.</summary>
    public StoryClock Clock { get; } = new(SecondsPerHour);
}

/// <summary>
/// The command line every sample shares: <c>--mealtimes 1,2,3</c>, <c>--scale S</c>, <c>--out DIR</c>, <c>--help</c>.
/// Bad arguments end the program with a one-line message naming the argument and what is allowed, never a stack trace.
/// </summary>
public static class SampleArguments
{
    /// <summary>Parses <paramref name="args"/>; null means the learner asked for <c>--help</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultOutputDirectory">Where charts go without <c>--out</c>.</param>
    /// <exception cref="ArgumentException">An argument is unknown, lacks its value, or its value is not allowed; the message is one line.</exception>
    public static SampleOptions? Parse(IReadOnlyList<string> args, string defaultOutputDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        double[] mealtimes = [1, 2, 3];
        double scale = 1.0;
        string output = defaultOutputDirectory;
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            if (flag is "-h" or "--help")
            {
                return null;
            }

            if (flag is not ("--mealtimes" or "--scale" or "--out"))
            {
                throw new ArgumentException($"Unknown argument '{flag}': use --mealtimes, --scale, --out or --help.", nameof(args));
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{flag} needs a value.", nameof(args));
            }

            string value = args[++i];
            switch (flag)
            {
                case "--mealtimes":
                    mealtimes = ParseMealtimes(value);
                    break;
                case "--scale":
                    scale = ParseNumber(value, "--scale", "a number of real seconds per story hour greater than 0, such as 0.1");
                    if (scale <= 0)
                    {
                        throw new ArgumentException($"--scale must be a number of real seconds per story hour greater than 0; got '{value}'.", nameof(args));
                    }

                    break;
                default:
                    output = string.IsNullOrWhiteSpace(value)
                        ? throw new ArgumentException("--out needs a folder path.", nameof(args))
                        : value;
                    break;
            }
        }

        var deliveries = mealtimes.Select((m, i) => (CustomerName(i), m)).ToArray();
        return new SampleOptions(deliveries, scale, Path.GetFullPath(output));
    }

    /// <summary>
    /// Runs a sample: parses the arguments, prints help or a one-line error (exit code 2), or runs <paramref name="body"/>
    /// and returns its exit code. Charts go to <c>artifacts/samples/{name}</c> in the repository unless <c>--out</c> says otherwise.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, string name, string summary, Func<SampleOptions, Task<int>> body,
        [CallerFilePath] string sampleFile = "")
    {
        ArgumentNullException.ThrowIfNull(body);
        SampleOptions? options;
        try
        {
            options = Parse(args, Path.Combine(RepositoryRoot(sampleFile), "artifacts", "samples", name));
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message.Split(" (Parameter", 2)[0]}").ConfigureAwait(false);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine($"""
                {name}: {summary}

                Options:
                  --mealtimes 1,2,3   story hours each customer (A, B, C, ...) eats; numbers 0 or more, comma-separated
                  --scale S           real seconds per story hour, greater than 0 (default 1, as in the Python original)
                  --out DIR           where to save the charts (default artifacts/samples/{name})
                  --help              this text
                """);
            return 0;
        }

        return await body(options).ConfigureAwait(false);
    }

    /// <summary>A, B, … Z, then A2, B2, …: the customers' names in the story.</summary>
    public static string CustomerName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        string letter = ((char)('A' + index % 26)).ToString();
        return index < 26 ? letter : letter + (index / 26 + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static double[] ParseMealtimes(string value)
    {
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Any(p => p.Length == 0))
        {
            throw new ArgumentException($"--mealtimes must be comma-separated numbers of story hours, such as 1,2,3; got '{value}'.");
        }

        var mealtimes = parts.Select(p => ParseNumber(p, "--mealtimes", "comma-separated numbers of story hours, 0 or more, such as 1,2,3")).ToArray();
        if (mealtimes.Any(m => m < 0))
        {
            throw new ArgumentException($"--mealtimes must be 0 or more story hours each; got '{value}'.");
        }

        return mealtimes;
    }

    private static double ParseNumber(string text, string flag, string allowed) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
            ? number
            : throw new ArgumentException($"{flag} must be {allowed}; got '{text}'.");

    private static string RepositoryRoot(string sampleFile)
    {
        for (var dir = string.IsNullOrEmpty(sampleFile) ? null : new DirectoryInfo(Path.GetDirectoryName(sampleFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConcurrencyCourse.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
