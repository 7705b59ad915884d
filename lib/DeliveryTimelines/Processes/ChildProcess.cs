using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace DeliveryTimelines;

/// <summary>
/// Runs a program to its end and returns what it printed: the one way the course starts another process — the Python
/// originals a lesson runs beside its C# (<see cref="PythonScript"/>), and dotnet, dotnet-repl, a sample or the
/// benchmark's own children in the tools, the tests and the benchmark.
/// </summary>
/// <remarks>
/// <para>
/// Every run gets the same four guarantees: arguments are passed as a list (no shell, no quoting rules); standard
/// output and standard error are read at the same time, so a child that fills one pipe while the other is being
/// drained never deadlocks; a time limit, past which the child and every process it started are killed (dotnet-repl
/// starts a kernel of its own, and <c>dotnet run</c> starts the program it built); and a non-zero exit code is an
/// exception naming the command and carrying its output, unless the caller asks to see the exit code instead.
/// Standard input is closed at once, so a child that reads it sees the end instead of waiting forever.
/// </para>
/// <para>
/// Our own small type rather than CliWrap: those four guarantees fit on this page, the missing-program case needs to be
/// told apart from a failing one (python3 is optional here, and its absence is reported, not thrown past), and the
/// notebook runner must tell a time-out from a failure. A library would add a package to every tool, test and
/// benchmark restore and still need its exceptions translated into these.
/// </para>
/// </remarks>
public static class ChildProcess
{
    /// <summary>The time limit when <see cref="ChildProcessOptions.Timeout"/> is not set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The longest time limit a run accepts: the longest wait a .NET timer allows (about 49.7 days).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and waits for it to end.</summary>
    /// <param name="program">A program on the PATH (such as <c>dotnet</c> or <c>python3</c>) or a path to one.</param>
    /// <param name="arguments">Its arguments, each passed as one argument whatever it contains.</param>
    /// <param name="options">Working directory, environment, time limit and whether a non-zero exit code throws.</param>
    /// <param name="cancellationToken">Kills the child (and its children) and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The exit code and everything the child printed.</returns>
    /// <exception cref="ArgumentException"><paramref name="program"/> is empty, or the time limit is not above zero or above <see cref="MaxTimeout"/>.</exception>
    /// <exception cref="FileNotFoundException"><paramref name="program"/> cannot be found or started.</exception>
    /// <exception cref="TimeoutException">The child ran longer than its time limit; it was killed.</exception>
    /// <exception cref="ChildProcessException">The child exited with a non-zero code and <see cref="ChildProcessOptions.CheckExitCode"/> is true.</exception>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, ChildProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ChildProcessOptions();
        TimeSpan timeout = options.Timeout ?? DefaultTimeout;
        if (timeout <= TimeSpan.Zero || timeout > MaxTimeout)
        {
            throw new ArgumentException(
                $"The time limit must be above zero and at most {MaxTimeout.TotalDays:F1} days; got {timeout}.", nameof(options));
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, // the same text on every platform, whatever the console's code page
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (options.WorkingDirectory is { } directory)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        string command = ProcessResult.Describe(program, start.ArgumentList);
        var clock = Stopwatch.StartNew();
        using Process process = StartOrExplain(start, command);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"{command} ran longer than its time limit ({Describe(timeout)}) and was stopped.");
            }
        }

        // The exit is seen before the pipes are drained: wait for both readers, which end when the child's side closes.
        var result = new ProcessResult(command, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), clock.Elapsed);
        if (options.CheckExitCode && result.ExitCode != 0)
        {
            throw new ChildProcessException(result);
        }

        return result;
    }

    /// <summary>True when <paramref name="program"/> is a file in one of the PATH's folders (or a path to an existing file).</summary>
    public static bool IsOnPath(string program)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        return program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? File.Exists(program)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, program)));
    }

    private static Process StartOrExplain(ProcessStartInfo start, string command)
    {
        try
        {
            return Process.Start(start) ?? throw new FileNotFoundException($"Could not start {command}.", start.FileName);
        }
        catch (Win32Exception e)
        {
            throw new FileNotFoundException($"Could not start {command}: {start.FileName} was not found on the PATH or could not be run ({e.Message}).",
                start.FileName, e);
        }
    }

    private static string Describe(TimeSpan time) =>
        time.TotalMinutes >= 1 ? $"{time.TotalMinutes:0.#} min" : $"{time.TotalSeconds:0.#} s";
}

/// <summary>How to run a child process (see <see cref="ChildProcess.RunAsync"/>).</summary>
public sealed record ChildProcessOptions
{
    /// <summary>Where the child runs; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables set for the child, on top of this process's own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The longest the child may run before it is killed; <see cref="ChildProcess.DefaultTimeout"/> when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// True (the default): a non-zero exit code throws <see cref="ChildProcessException"/>. False: the exit code is
    /// returned, for callers that report it themselves (a test that expects a refusal, a runner that explains a failure).
    /// </summary>
    public bool CheckExitCode { get; init; } = true;
}

/// <summary>A finished child process: the command as run, its exit code, and what it printed.</summary>
/// <param name="Command">The program and its arguments, quoted where needed, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Everything written to standard output.</param>
/// <param name="Stderr">Everything written to standard error.</param>
/// <param name="Duration">From start to exit.</param>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Duration)
{
    /// <summary>The command, its exit code, and both streams, labelled: what a failing test or tool shows.</summary>
    public override string ToString() => $"{Command}\nexit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    /// <summary><paramref name="program"/> and <paramref name="arguments"/> as one line, each argument with spaces or quotes in quotes.</summary>
    public static string Describe(string program, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(program).Select(a =>
            a.Length > 0 && !a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? a : "\"" + a.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
}

/// <summary>A child process exited with a non-zero code; the message names the command and carries what it printed.</summary>
public sealed class ChildProcessException : Exception
{
    private const int MaxShownOutput = 4000;

    /// <summary>Creates the exception for a finished run.</summary>
    public ChildProcessException(ProcessResult result)
        : base(Explain(result ?? throw new ArgumentNullException(nameof(result)))) => Result = result;

    /// <summary>The failed run: command, exit code and output.</summary>
    public ProcessResult Result { get; }

    private static string Explain(ProcessResult result)
    {
        string output = (result.Stderr.Trim() + "\n" + result.Stdout.Trim()).Trim();
        if (output.Length > MaxShownOutput)
        {
            output = "…" + output[^MaxShownOutput..];
        }

        return $"{result.Command} exited with {result.ExitCode}" + (output.Length == 0 ? " and printed nothing." : $":\n{output}");
    }
}
