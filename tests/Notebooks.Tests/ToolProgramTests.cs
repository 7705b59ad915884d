using System.Collections.Concurrent;
using System.Globalization;
using DeliveryTimelines;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// The command lines of NotebookRunner, Screenshots and ScaleBench as a user meets them, each program run for real:
/// help exits 0; a bad argument gets one line on standard error naming it, exit code 2, no stack trace; and the
/// runner's <c>--scale</c> takes exactly the story clock's range, as the samples do.
/// </summary>
public sealed class ToolProgramTests
{
    private const string Runner = "tools/NotebookRunner", Screenshots = "tools/Screenshots", ScaleBench = "bench/ScaleBench";

    private static readonly ConcurrentDictionary<string, Lazy<Task>> Builds = new(StringComparer.Ordinal);

    public static TheoryData<string, string[], string> BadArguments => new()
    {
        { Runner, ["--scale", "NaN"], "--scale" },
        { Runner, ["--scale", "5000"], "--scale" },            // more than the samples and the story clock allow
        { Runner, ["--timeout", "1e300"], "--timeout" },       // no TimeSpan holds that many minutes
        { Runner, ["--timeout", "Infinity"], "--timeout" },
        { Runner, ["--only"], "--only" },
        { Runner, ["--speed", "2"], "--speed" },
        { Runner, ["--only", "04", "--site-only"], "--site-only" },     // the site from the notebooks already run: runs none
        { Runner, ["--edition", "fr"], "--edition" },          // an edition there is not: the line names the ones there are
        { Runner, ["--edition"], "--edition" },
        { Screenshots, ["--only"], "--only" },
        { Screenshots, ["--out", "pictures", "--speed"], "--speed" },
        { ScaleBench, ["--seconds", "Infinity"], "--seconds" },
        { ScaleBench, ["--max", "99999999999"], "--max" },     // more than an int holds
        { ScaleBench, ["--repeats", "0"], "--repeats" },
        { ScaleBench, ["--from", "no-such-folder/scale.json"], "--from" },
        { ScaleBench, ["--from", "scale.json", "--max", "1000"], "--from" },
        { ScaleBench, ["--out", "/sys/kernel"], "--out" },        // a folder nothing may be written to: refused before a sweep of minutes
        { Runner, ["--out", "/sys/kernel/artifacts"], "--out" },
        { Screenshots, ["--out", "/proc/self"], "--out" },
    };

    public static TheoryData<string, string[]> Helps => new()
    {
        { Runner, ["--scale", "--out", "--only", "--timeout", "--edition", "--site-only"] },
        { Screenshots, ["--out", "--only", "--site"] },
        { ScaleBench, ["--max", "--repeats", "--seconds", "--out", "--no-cpu", "--from"] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_gets_one_line_naming_it_exit_code_2_and_no_stack_trace(string program, string[] args, string named)
    {
        ProcessResult run = await RunAsync(program, args);

        Assert.True(run.ExitCode == ToolCommandLine.BadArguments, run.ToString());
        string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(Path.GetFileName(program) + ": ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.True(args[^1] == named || args.Any(a => line.Contains($"'{a}'", StringComparison.Ordinal)), $"the line quotes nothing that was given: {line}");
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [MemberData(nameof(Helps))]
    public async Task Help_lists_the_options_and_exits_0(string program, string[] options)
    {
        ProcessResult run = await RunAsync(program, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.All(options, option => Assert.Contains(option, run.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_runner_takes_exactly_the_story_clock_range_for_scale()
    {
        foreach (double scale in new[] { StoryClock.MinSecondsPerHour, StoryClock.MaxSecondsPerHour })
        {
            // Accepted: the runner goes on to look for the notebook, and finds none by that name.
            ProcessResult accepted = await RunAsync(Runner, "--scale", Text(scale), "--only", "no-such-notebook");
            Assert.True(accepted.ExitCode == ToolCommandLine.BadArguments && accepted.Stderr.Contains("--only", StringComparison.Ordinal), accepted.ToString());
        }

        foreach (double scale in new[] { StoryClock.MinSecondsPerHour / 2, StoryClock.MaxSecondsPerHour * 1.001 })
        {
            ProcessResult refused = await RunAsync(Runner, "--scale", Text(scale), "--only", "no-such-notebook");
            Assert.True(refused.ExitCode == ToolCommandLine.BadArguments, refused.ToString());
            Assert.Contains($"--scale must be real seconds per story hour, from {Text(StoryClock.MinSecondsPerHour)} to {Text(StoryClock.MaxSecondsPerHour)}",
                refused.Stderr, StringComparison.Ordinal);
        }

        static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_runner_looks_for_the_Korean_edition_in_notebooks_ko()
    {
        // Accepted: the runner goes on to look in notebooks/ko/ for the notebook, and finds none by that name.
        ProcessResult run = await RunAsync(Runner, "--edition", "ko", "--only", "no-such-notebook");

        Assert.True(run.ExitCode == ToolCommandLine.BadArguments, run.ToString());
        Assert.Contains("no notebook's name in notebooks/ko/ contains 'no-such-notebook'", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Builds <paramref name="program"/> once per test run (under the build lock), then runs it with <paramref name="args"/>.</summary>
    private static async Task<ProcessResult> RunAsync(string program, params string[] args)
    {
        string root = NotebookRuns.Root, project = Path.Combine(root, program);
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        await Builds.GetOrAdd(program, _ => new Lazy<Task>(async () =>
        {
            await using var buildLock = await RepositoryLock.AcquireAsync(root, RepositoryLock.Build, cancellation);
            await ChildProcess.RunAsync("dotnet", ["build", project, "-nologo", "-v", "q"], new ChildProcessOptions { WorkingDirectory = root }, cancellation);
        })).Value;
        await using var timingLock = await RepositoryLock.AcquireAsync(root, RepositoryLock.Timing, cancellation); // the samples' tests measure time
        return await ChildProcess.RunAsync("dotnet", ["run", "--no-build", "--project", project, "--", .. args],
            new ChildProcessOptions { WorkingDirectory = root, CheckExitCode = false, Timeout = TimeSpan.FromMinutes(2) }, cancellation);
    }
}
