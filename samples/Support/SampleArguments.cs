using System.Globalization;
using System.Runtime.CompilerServices;
using DeliveryTimelines;

namespace SampleSupport;

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
    /// <summary>The most customers <c>--mealtimes</c> takes: enough to see a pattern, few enough to read every line and chart row.</summary>
    public const int MaxCustomers = 100;

    /// <summary>What <c>--mealtimes</c> takes, as its errors and the help say it.</summary>
    public const string MealtimesAllowed = "comma-separated story hours, 0 or more, such as 1,2,3";

    /// <summary>
    /// What <c>--scale</c> takes, worded as the tools' command lines word a number (System.CommandLine through
    /// Tooling's <c>ToolCommandLine</c>): the same range, <see cref="StoryClock.MinSecondsPerHour"/> to
    /// <see cref="StoryClock.MaxSecondsPerHour"/>, and the same sentences when it is refused.
    /// </summary>
    public static readonly string ScaleAllowed = FormattableString.Invariant(
        $"real seconds per story hour, from {StoryClock.MinSecondsPerHour} to {StoryClock.MaxSecondsPerHour}");

    /// <summary>Parses <paramref name="args"/>; null means the learner asked for <c>--help</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultOutputDirectory">Where charts go without <c>--out</c>.</param>
    /// <exception cref="ArgumentException">
    /// An argument is unknown, lacks its value, or its value is not allowed; the message is one line that names the
    /// argument and says what it allows.
    /// </exception>
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

            string allowed = flag switch
            {
                "--mealtimes" => MealtimesAllowed,
                "--scale" => ScaleAllowed,
                "--out" => "a folder for the charts",
                _ => throw Refuse($"Unknown argument '{flag}': use --mealtimes, --scale, --out or --help."),
            };
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw Refuse($"{flag} needs a value: {allowed}.");
            }

            string value = args[++i];
            switch (flag)
            {
                case "--mealtimes":
                    mealtimes = ParseMealtimes(value);
                    break;
                case "--scale":
                    scale = ParseNumber(value, flag, allowed);
                    if (!(scale >= StoryClock.MinSecondsPerHour && scale <= StoryClock.MaxSecondsPerHour))
                    {
                        throw Refuse($"--scale must be {allowed}; got '{value}'.");
                    }

                    break;
                default:
                    output = string.IsNullOrWhiteSpace(value) ? throw Refuse($"--out needs a value: {allowed}.") : value;
                    break;
            }
        }

        // Checked once both are known, whatever their order: a meal must be a wait a timer can make at this scale.
        var clock = new StoryClock(scale);
        double longest = mealtimes.Max();
        if (longest * scale > StoryClock.MaxRealDelay.TotalSeconds)
        {
            throw Refuse(FormattableString.Invariant(
                $"--mealtimes: a meal of {StoryHours.Format(longest)} story hours at --scale {StoryHours.Format(scale)} lasts longer than a .NET timer can wait ({StoryClock.MaxRealDelay.TotalDays:F1} days); use shorter meals or a smaller --scale."));
        }

        double shortest = mealtimes.Where(m => m > 0).DefaultIfEmpty(0).Min();
        if (TooShort(clock, shortest))
        {
            throw Refuse(FormattableString.Invariant(
                $"--mealtimes: a meal of {StoryHours.Format(shortest)} story hours at --scale {StoryHours.Format(scale)} lasts {Milliseconds(clock, shortest)}, {ShorterThanATimer}; use 0, at least {StoryHours.Format(clock.ShortestWait)} story hours, or a larger --scale."));
        }

        var deliveries = mealtimes.Select((m, i) => (Customers.Name(i), m)).ToArray();
        return new SampleOptions(deliveries, scale, Path.GetFullPath(output));
    }

    /// <summary>
    /// Checks the waits a sample makes besides the meals (a heartbeat, half a meal, a deadline) as the parser checks
    /// the meals: each must be 0 or long enough for a timer at the chosen scale.
    /// </summary>
    /// <param name="options">The parsed options, whose clock the waits will be made on.</param>
    /// <param name="waits">Each wait: what it is ("half of A's meal") and its story hours.</param>
    /// <exception cref="ArgumentException">A wait is shorter than a timer can wait; the message is one line naming it,
    /// its hours, the scale and the limit.</exception>
    public static void CheckWaits(SampleOptions options, IEnumerable<(string What, double Hours)> waits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(waits);
        foreach (var (what, hours) in waits)
        {
            if (TooShort(options.Clock, hours))
            {
                throw Refuse(FormattableString.Invariant(
                    $"--mealtimes and --scale make {what} {StoryHours.Format(hours)} story hours, which lasts {Milliseconds(options.Clock, hours)} at --scale {StoryHours.Format(options.SecondsPerHour)}, {ShorterThanATimer}; use 0 or longer meals, or a larger --scale."));
            }
        }
    }

    private static readonly string ShorterThanATimer = FormattableString.Invariant(
        $"shorter than the shortest wait a timer can make ({StoryClock.MinRealDelay.TotalMilliseconds} ms)");

    // A wait other than 0 that is shorter than the clock's shortest (the clock itself would refuse it).
    private static bool TooShort(StoryClock clock, double hours) => hours > 0 && hours < clock.ShortestWait * (1 - 1e-9);

    private static string Milliseconds(StoryClock clock, double hours) => StoryHours.Format(hours * clock.SecondsPerHour * 1000) + " ms";

    /// <summary>
    /// Runs a sample: parses the arguments, prints help or a one-line error (exit code 2), makes sure the sample's own
    /// <paramref name="waits"/> can be made and the charts' folder written (<see cref="OutputFolder"/>), and only then runs
    /// <paramref name="body"/> and returns its exit code. Charts go to <c>artifacts/samples/{name}</c> in the
    /// repository unless <c>--out</c> says otherwise.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="name">The sample's name, the start of an error line.</param>
    /// <param name="summary">What the sample shows, for the help.</param>
    /// <param name="body">The sample.</param>
    /// <param name="waits">The waits the sample makes besides the meals, worked out from the options (see
    /// <see cref="CheckWaits"/>); none when null.</param>
    /// <param name="sampleFile">The sample's source file, filled in by the compiler: where the repository is.</param>
    public static async Task<int> RunAsync(string[] args, string name, string summary, Func<SampleOptions, Task<int>> body,
        Func<SampleOptions, IEnumerable<(string What, double Hours)>>? waits = null, [CallerFilePath] string sampleFile = "")
    {
        ArgumentNullException.ThrowIfNull(body);

        // One number format everywhere (1.5, not 1,5), so a run reads the same as its Python original on any machine.
        CultureInfo.CurrentCulture = CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        SampleOptions? options;
        try
        {
            options = Parse(args, Path.Combine(RepositoryRoot(sampleFile), "artifacts", "samples", name));
            if (options is not null)
            {
                CheckWaits(options, waits?.Invoke(options) ?? []);
                OutputFolder.Check(options.OutputDirectory);
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (IOException e)
        {
            // OutputFolder's one line: the charts could not be saved where --out says, found before anything ran.
            await Console.Error.WriteLineAsync($"{name}: --out {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine($"""
                {name}: {summary}

                Usage: dotnet run samples/{name}.cs -- [--mealtimes 1,2,3] [--scale S] [--out DIR]

                Options:
                  --mealtimes 1,2,3   story hours each customer (A, B, C, ...) eats, 0 or more each, up to {MaxCustomers} customers
                  --scale S           {ScaleAllowed} (default 1, as in the Python original)
                  --out DIR           where to save the charts (default artifacts/samples/{name})
                  --help              this text

                A meal other than 0 must last at least 1 ms of real time (a timer's shortest wait): at --scale S,
                at least 0.001 / S story hours.
                """);
            return 0;
        }

        return await body(options).ConfigureAwait(false);
    }

    private static double[] ParseMealtimes(string value)
    {
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
        {
            throw Refuse($"--mealtimes must be {MealtimesAllowed}; got '{value}'.");
        }

        if (parts.Length > MaxCustomers)
        {
            throw Refuse($"--mealtimes takes at most {MaxCustomers} customers; got {parts.Length}.");
        }

        var mealtimes = parts.Select(p => ParseNumber(p, "--mealtimes", MealtimesAllowed)).ToArray();
        return mealtimes.Any(m => m < 0)
            ? throw Refuse($"--mealtimes must be {MealtimesAllowed}; got '{value}'.")
            : [.. mealtimes.Select(m => m == 0 ? 0 : m)]; // -0 is 0: never "A eats -0 h"
    }

    private static double ParseNumber(string text, string flag, string allowed) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
            ? number
            : throw Refuse($"{flag} must be {allowed}; got '{text}'.");

    // The message is the whole report (no "(Parameter 'args')" suffix): RunAsync prints it as the one line the learner sees.
    private static ArgumentException Refuse(string message) => new(message);

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
