using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>
/// The one child-process helper every tool, test and the benchmark use: both streams, a time limit that takes the
/// whole process tree down, and failures that name the command.
/// </summary>
public sealed class ChildProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("child-process-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Arguments_arrive_one_by_one_as_given_in_the_working_directory_with_the_environment()
    {
        ProcessResult run = await ChildProcess.RunAsync("sh", ["-c", "printf '%s|' \"$@\"; printf '%s|%s' \"$PWD\" \"$COURSE_TEST\" >&2", "sh", "a b", "", "c'd"],
            new ChildProcessOptions { WorkingDirectory = _dir, Environment = new Dictionary<string, string> { ["COURSE_TEST"] = "x y" } }, Cancellation);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("a b||c'd|", run.Stdout);
        Assert.Equal($"{_dir}|x y", run.Stderr);
        Assert.EndsWith(" sh \"a b\" \"\" \"c'd\"", run.Command, StringComparison.Ordinal); // quoted where a reader needs it
    }

    [Fact]
    public async Task Both_streams_are_read_at_once_so_a_child_that_fills_standard_error_first_never_blocks()
    {
        // 1 MB to standard error before a byte of standard output: far more than a pipe holds (64 KB on Linux).
        ProcessResult run = await ChildProcess.RunAsync("sh", ["-c", "head -c 1000000 /dev/zero | tr '\\0' e >&2; head -c 1000000 /dev/zero | tr '\\0' o"],
            new ChildProcessOptions { Timeout = TimeSpan.FromSeconds(30) }, Cancellation);

        Assert.Equal(1_000_000, run.Stderr.Length);
        Assert.Equal(1_000_000, run.Stdout.Length);
        Assert.All(new[] { run.Stdout[0], run.Stdout[^1] }, c => Assert.Equal('o', c));
    }

    [Fact]
    public async Task A_non_zero_exit_code_throws_naming_the_command_with_its_output_unless_asked_for()
    {
        var error = await Assert.ThrowsAsync<ChildProcessException>(() =>
            ChildProcess.RunAsync("sh", ["-c", "echo the kitchen is on fire >&2; exit 3"], cancellationToken: Cancellation));

        Assert.Equal(3, error.Result.ExitCode);
        Assert.StartsWith("sh -c \"echo the kitchen is on fire >&2; exit 3\" exited with 3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("the kitchen is on fire", error.Message, StringComparison.Ordinal);

        ProcessResult reported = await ChildProcess.RunAsync("sh", ["-c", "exit 3"], new ChildProcessOptions { CheckExitCode = false }, Cancellation);
        Assert.Equal(3, reported.ExitCode);
    }

    [Fact]
    public async Task Past_its_time_limit_the_child_and_the_processes_it_started_are_killed()
    {
        string pidFile = Path.Combine(_dir, "grandchild.pid");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => ChildProcess.RunAsync("sh",
            ["-c", $"sleep 60 & echo $! > '{pidFile}'; wait"], new ChildProcessOptions { Timeout = TimeSpan.FromSeconds(1) }, Cancellation));

        Assert.StartsWith("sh -c ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ran longer than its time limit (1 s) and was stopped", error.Message, StringComparison.Ordinal);
        string grandchild = (await File.ReadAllTextAsync(pidFile, Cancellation)).Trim();

        // SIGKILL is delivered asynchronously: on a busy machine the grandchild can still show as running for a moment
        // after Kill returns. Killed means gone within a second or so; missed by the kill, it would run on for a minute.
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); IsRunning(grandchild) && waited.Elapsed < TimeSpan.FromSeconds(5);)
        {
            await Task.Delay(20, Cancellation);
        }

        Assert.False(IsRunning(grandchild), $"the grandchild {grandchild} (sleep 60) outlived its parent's time limit by 5 s");
    }

    // Linux: a process is gone when /proc has no entry for it, or it is a zombie (killed, not yet reaped).
    private static bool IsRunning(string pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Cancelling_kills_the_child_and_throws_OperationCanceledException()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ChildProcess.RunAsync("sleep", ["60"], cancellationToken: cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancelling took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_program_that_is_not_there_is_named()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            ChildProcess.RunAsync("no-such-program-here", ["--version"], cancellationToken: Cancellation));

        Assert.Equal("no-such-program-here", error.FileName);
        Assert.Contains("no-such-program-here was not found on the PATH", error.Message, StringComparison.Ordinal);
        Assert.False(ChildProcess.IsOnPath("no-such-program-here"));
        Assert.True(ChildProcess.IsOnPath("sh"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(50.0 * 24 * 3600)]
    public async Task A_time_limit_a_timer_cannot_keep_is_refused(double seconds)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ChildProcess.RunAsync("sh", ["-c", "exit 0"], new ChildProcessOptions { Timeout = TimeSpan.FromSeconds(seconds) }, Cancellation));

        Assert.Contains("The time limit must be above zero and at most 49.7 days", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
