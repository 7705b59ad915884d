using System.Text.RegularExpressions;
using DeliveryTimelines;
using Xunit;

namespace Samples.Tests;

/// <summary>
/// The samples with the values people actually type: an <c>--out</c> that cannot be written, meals of 0 hours and
/// meals all alike, the smallest scale, meals too short for a timer, and numbers that used to print as -0 or with
/// float noise. Each is refused in one line before anything runs, or runs and prints what is true.
/// </summary>
[Collection(SampleRunsGroup.Name)]
public sealed partial class SampleEdgeTests
{
    public static IEnumerable<object[]> Samples => SampleProcess.CSharpSamples();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Out_pointing_at_a_file_is_refused_before_the_story_starts(string sample)
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "keep me");

            SampleOutput run = await SampleProcess.RunCSharpAsync(sample, ["--scale", "0.02", "--out", file]);

            AssertRefusedBeforeAnythingRan(run, $"{sample}: --out '{file}' is a file; give a folder (it is made if it does not exist).");
            Assert.Equal("keep me", await File.ReadAllTextAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// A folder this process may not write to, whoever runs the tests: root ignores mode bits, but nobody can make a
    /// file in sysfs (/sys/kernel answers EACCES, or EROFS where /sys is mounted read-only, as in containers).
    /// </summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Out_pointing_at_a_folder_nothing_can_be_written_to_is_refused_before_the_story_starts(string sample)
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync(sample, ["--scale", "0.02", "--out", "/sys/kernel"]);

        AssertRefusedBeforeAnythingRan(run, $"{sample}: --out '/sys/kernel' is not a folder files can be written to (");
    }

    [Fact]
    public async Task Out_under_a_file_is_refused_naming_the_file()
    {
        string file = Path.GetTempFileName();
        try
        {
            SampleOutput run = await SampleProcess.RunCSharpAsync("00-start-here", ["--out", Path.Combine(file, "charts")]);

            AssertRefusedBeforeAnythingRan(run, $"00-start-here: --out '{Path.Combine(file, "charts")}' cannot be made: '{file}' is a file, not a folder.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Meals_of_zero_hours_and_meals_all_alike_run_to_the_end(string sample)
    {
        foreach (string mealtimes in (string[])["0,0,0", "1,1,1", "1,0,0"])
        {
            string charts = Directory.CreateTempSubdirectory("sample-edge-").FullName;
            try
            {
                SampleOutput run = await SampleProcess.RunCSharpAsync(sample, ["--mealtimes", mealtimes, "--scale", "0.05", "--out", charts]);

                Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, $"--mealtimes {mealtimes}:\n{run}");
                Assert.DoesNotMatch(MinusZero(), run.Stdout);
                Assert.NotEmpty(Directory.GetFiles(charts, "*.html"));
            }
            finally
            {
                Directory.Delete(charts, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("0,0,0", "A, B, C", "0, 0, 0")]     // every task the same cached Task<double> before: "A, A, A"
    [InlineData("1,0,0", "B, C, A", "1, 0, 0")]     // before: "B, B, A"
    [InlineData("0,2,0", "A, C, B", "0, 2, 0")]
    public async Task Completion_order_names_each_customer_once_even_when_tasks_are_the_same_object(string mealtimes, string order, string results)
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync("06-completion-order-and-throttling", ["--mealtimes", mealtimes, "--scale", "0.05", "--out", Path.GetTempPath()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"completion order: {order}; WhenAll's results stay in argument order: [{results}]", run.Lines);
    }

    [Fact]
    public async Task Equal_meals_complete_in_some_order_with_each_customer_once()
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync("06-completion-order-and-throttling", ["--mealtimes", "1,1,1,1", "--scale", "0.05", "--out", Path.GetTempPath()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        string line = Assert.Single(run.Lines, l => l.StartsWith("completion order: ", StringComparison.Ordinal));
        string[] names = line["completion order: ".Length..line.IndexOf(';', StringComparison.Ordinal)].Split(", ");
        Assert.Equal(["A", "B", "C", "D"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_smallest_scale_case_is_refused_naming_the_range()
    {
        string hundredTiny = string.Join(',', Enumerable.Repeat("0.001", 100));

        SampleOutput atOld = await SampleProcess.RunCSharpAsync("07-beyond-gather", ["--mealtimes", hundredTiny, "--scale", "0.001"]);
        SampleOutput atNew = await SampleProcess.RunCSharpAsync("07-beyond-gather", ["--mealtimes", hundredTiny, "--scale", "0.02"]);

        // Before: it ran, and printed 16.8 h for a round whose ideal it gave as 50 h (every wait under 1 ms was cut to nothing).
        AssertRefusedBeforeAnythingRan(atOld, "07-beyond-gather: --scale must be real seconds per story hour, from 0.02 to 3600; got '0.001'.");
        AssertRefusedBeforeAnythingRan(atNew,
            "07-beyond-gather: --mealtimes: a meal of 0.001 story hours at --scale 0.02 lasts 0.02 ms, shorter than the shortest wait a timer can make (1 ms); use 0, at least 0.05 story hours, or a larger --scale.");
    }

    [Fact]
    public async Task A_samples_own_wait_too_short_for_a_timer_is_refused_naming_it()
    {
        SampleOutput run = await SampleProcess.RunCSharpAsync("03-coroutines-as-async-methods", ["--mealtimes", "0.06", "--scale", "0.02"]);

        AssertRefusedBeforeAnythingRan(run,
            "03-coroutines-as-async-methods: --mealtimes and --scale make half of A's meal 0.03 story hours, which lasts 0.6 ms at --scale 0.02, shorter than the shortest wait a timer can make (1 ms)");
    }

    [Fact]
    public async Task At_the_smallest_scale_the_lesson_still_shows_and_the_note_says_what_a_tick_is()
    {
        string charts = Directory.CreateTempSubdirectory("sample-edge-").FullName;
        try
        {
            SampleOutput run = await SampleProcess.RunCSharpAsync("04-gather-as-whenall", ["--scale", "0.02", "--out", charts]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.InRange(run.Hours("gathered") / run.Hours("sequential"), 0.4, 0.7); // at 0.001 it was 12.25 h gathered against 9.14 h
            string note = Assert.Single(run.Lines, l => l.StartsWith("(over the ideal by up to a timer tick per wait: ", StringComparison.Ordinal));
            Match said = Regex.Match(note, @": (?<ms>[0-9.]+) ms on this machine, (?<hours>[0-9.]+) story hours at this scale; the first run also pays for JIT warm-up;");
            Assert.True(said.Success, note);
            double tickMs = double.Parse(said.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(tickMs, 0.5 * TimerProbe.MeasureTick().TotalMilliseconds, 2 * TimerProbe.MeasureTick().TotalMilliseconds); // the sample measured the clock this test measures
            Assert.Equal(tickMs / 1000 / 0.02, double.Parse(said.Groups["hours"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.011); // that tick in story hours at --scale 0.02
        }
        finally
        {
            Directory.Delete(charts, recursive: true);
        }
    }

    [Fact]
    public async Task Hours_print_as_typed_without_minus_zero_or_float_noise()
    {
        string charts = Directory.CreateTempSubdirectory("sample-edge-").FullName;
        try
        {
            SampleOutput gather = await SampleProcess.RunCSharpAsync("04-gather-as-whenall", ["--mealtimes", "-0,0.1,0.2", "--scale", "0.1", "--out", charts]);
            SampleOutput depth = await SampleProcess.RunCSharpAsync("05-failures-and-cancellation", ["--mealtimes", "0.001,0.1,0.2", "--scale", "1", "--out", charts]);

            Assert.True(gather.ExitCode == 0, gather.ToString());
            Assert.Contains("Customers: A eats 0 h, B eats 0.1 h, C eats 0.2 h; 1 story hour = 0.1 s.", gather.Lines); // "A eats -0 h" before
            Assert.Equal(gather.Lines.Count(l => l.StartsWith("results: ", StringComparison.Ordinal)), gather.Lines.Count(l => l == "results: [0, 0.1, 0.2]")); // gathered, one by one, and Python's
            Assert.InRange(gather.Lines.Count(l => l == "results: [0, 0.1, 0.2]"), 2, 3);
            Assert.Contains(gather.Lines, l => l.EndsWith("   the sum, 0.3 h", StringComparison.Ordinal)); // "0.30000000000000004 h" before
            Assert.True(depth.ExitCode == 0, depth.ToString());
            Assert.StartsWith("Customers: A eats 0.001 h, B eats 0.1 h, C eats 0.2 h; B drops the plate after 0.075 h;", depth.Lines[0], StringComparison.Ordinal); // "A eats 0 h", "0.08 h" before
            Assert.Contains("outcomes: [0.001, DeliveryFailedException: B dropped the plate after 0.075 h, 0.2]", depth.Lines);
        }
        finally
        {
            Directory.Delete(charts, recursive: true);
        }
    }

    private static void AssertRefusedBeforeAnythingRan(SampleOutput run, string startOfLine)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(startOfLine, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout); // refused before the story started: not one delivery line
    }

    // A number -0 or -0.00 standing alone (not the "-0" inside a folder name such as sample-edge-0f3a).
    [GeneratedRegex(@"(?<![\w.\-/])-0(\.0+)?(?![.\d])")]
    private static partial Regex MinusZero();
}
