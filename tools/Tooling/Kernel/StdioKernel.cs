using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>How to start a <see cref="StdioKernel"/>.</summary>
/// <param name="WorkingDirectory">
/// The notebook's folder, passed as <c>--working-dir</c> as VS Code passes it: the kernel makes it its current
/// directory, so <c>#!import ../lib/setup.dib</c> and <c>#r "../lib/…"</c> resolve from there.
/// </param>
public sealed record StdioKernelOptions(string WorkingDirectory)
{
    /// <summary>
    /// Where <c>dotnet tool run dotnet-interactive</c> runs: a folder at or below the tool manifest that lists
    /// Microsoft.dotnet-interactive. The repository's root when null. (VS Code runs it from its own storage folder,
    /// never the notebook's, which is why the notebook's folder goes in <see cref="WorkingDirectory"/>.)
    /// </summary>
    public string? ToolDirectory { get; init; }

    /// <summary>How long the kernel may take to say it is ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pass the <c>[vscode]</c> directive first, as VS Code does (it adds the proxy kernels VS Code serves).</summary>
    public bool VSCodeMode { get; init; } = true;
}

/// <summary>
/// A .NET Interactive kernel started as VS Code starts it, <c>dotnet tool run dotnet-interactive -- [vscode] stdio
/// --working-dir &lt;notebook folder&gt;</c>, and spoken to as VS Code speaks to it: one JSON command per line in, one
/// JSON event per line out. Cells are submitted one at a time; each returns every event that belongs to it.
/// </summary>
/// <remarks>
/// <para>
/// A cell ends at the CommandSucceeded or CommandFailed that carries its own token (events of the commands it started,
/// such as the cells of an <c>#!import</c>ed file, carry the token plus ".n" and belong to it too), at its time limit
/// (then it is cancelled), or when the kernel exits. Both output streams are read all the time: lines of standard output
/// that are not envelopes (a telemetry banner) are set aside, standard error is kept for failure reports. Events that
/// come for a cell after it ended are kept in <see cref="LateEvents"/>. A command the kernel sends to its front end
/// (asking for input) is refused at once, so a cell that asks fails instead of hanging.
/// </para>
/// <para>
/// Disposing sends Quit (closing standard input is not a shutdown: the kernel keeps reading), waits a few seconds,
/// then kills the kernel's process tree.
/// </para>
/// </remarks>
public sealed class StdioKernel : IAsyncDisposable
{
    private const int KeptStandardError = 64 * 1024;
    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, Submission> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<KernelEvent> _late = new();
    private readonly ConcurrentQueue<string> _noise = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Task _stdoutReader;
    private readonly Task _stderrReader;
    private int _submissions;

    private StdioKernel(Process process)
    {
        _process = process;
        _stdoutReader = Task.Run(ReadEventsAsync);
        _stderrReader = Task.Run(ReadStandardErrorAsync);
    }

    /// <summary>Lines of the kernel's standard output that were not envelopes.</summary>
    public IReadOnlyCollection<string> Noise => _noise;

    /// <summary>Events that came after the cell they belong to had ended, or that belong to no cell of this client.</summary>
    public IReadOnlyCollection<KernelEvent> LateEvents => _late;

    /// <summary>The end of what the kernel wrote to standard error (its logs and crash reports).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>True once the kernel process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the kernel and waits until it says it is ready.</summary>
    /// <exception cref="DirectoryNotFoundException">The working directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">dotnet could not be started.</exception>
    /// <exception cref="TimeoutException">The kernel was not ready within <see cref="StdioKernelOptions.ReadyTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The kernel exited before it was ready; the message carries its standard error.</exception>
    public static async Task<StdioKernel> StartAsync(StdioKernelOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        if (!Directory.Exists(workingDirectory))
        {
            throw new DirectoryNotFoundException($"The kernel's working directory {workingDirectory} does not exist.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = options.ToolDirectory ?? Repository.Root(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false), // a byte order mark would spoil the first command
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        IEnumerable<string> arguments = ["tool", "run", "dotnet-interactive", "--", .. options.VSCodeMode ? ["[vscode]"] : Array.Empty<string>(),
            "stdio", "--working-dir", workingDirectory];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1"; // else a banner comes before the first envelope
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FileNotFoundException("Could not start dotnet.", "dotnet");
        }
        catch (Win32Exception e)
        {
            throw new FileNotFoundException($"Could not start dotnet ({e.Message}).", "dotnet", e);
        }

        var kernel = new StdioKernel(process);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.ReadyTimeout);
            Task exited = process.WaitForExitAsync(limit.Token);
            Task first = await Task.WhenAny(kernel._ready.Task, exited).ConfigureAwait(false);
            if (first == kernel._ready.Task)
            {
                return kernel;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await kernel._stderrReader.ConfigureAwait(false);
                throw new InvalidOperationException($"The kernel exited with code {process.ExitCode} before it was ready:\n{kernel.StandardError}");
            }

            throw new TimeoutException($"The kernel was not ready within {options.ReadyTimeout.TotalSeconds:F0} s.\n{kernel.StandardError}");
        }
        catch
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Submits <paramref name="code"/> to the kernel named <paramref name="kernelName"/> and returns when the cell
    /// ends: it succeeded, it failed, it ran past <paramref name="timeout"/> (then it is cancelled), or the kernel exited.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not above zero.</exception>
    public async Task<CellRun> SubmitCodeAsync(string code, string kernelName = "csharp", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrEmpty(kernelName);
        TimeSpan limit = timeout ?? Timeout.InfiniteTimeSpan;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A cell's time limit must be above zero.");
        }

        // No dots: the kernel names the commands a submission starts "<token>.1", "<token>.2", ….
        string token = "cell" + Interlocked.Increment(ref _submissions).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var submission = new Submission(token);
        _running[token] = submission;
        TimeSpan sent = _clock.Elapsed;
        try
        {
            await WriteLineAsync(KernelEnvelope.SubmitCode(token, code, kernelName), cancellationToken).ConfigureAwait(false);
            CellOutcome outcome = await WaitAsync(submission, limit, cancellationToken).ConfigureAwait(false);
            return new CellRun(token, outcome, _clock.Elapsed - sent, submission.Close());
        }
        finally
        {
            _running.TryRemove(token, out _);
        }
    }

    private async Task<CellOutcome> WaitAsync(Submission submission, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        try
        {
            await Task.WhenAny(submission.Done.Task, _stdoutReader).WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_process.HasExited)
            {
                await WriteLineAsync(KernelEnvelope.Command(submission.Token + "-cancel", "Cancel"), CancellationToken.None).ConfigureAwait(false);
            }

            return CellOutcome.TimedOut;
        }

        // The reader ends when the kernel closes its output: whatever it wrote before has been read by then.
        return submission.Done.Task.IsCompleted ? await submission.Done.Task.ConfigureAwait(false) : CellOutcome.KernelExited;
    }

    /// <summary>Sends Quit, waits a few seconds for the kernel to end, then kills its process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await WriteLineAsync(KernelEnvelope.Command("quit", "Quit"), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The kernel is already going: its standard input is closed.
            }

            using var grace = new CancellationTokenSource(QuitGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(_stdoutReader, _stderrReader).ConfigureAwait(false);
        _process.Dispose();
        _writing.Dispose();
    }

    private async Task WriteLineAsync(string json, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The kernel reads with ReadLine: exactly one envelope per "\n"-terminated line.
            await _process.StandardInput.WriteAsync((json + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task ReadEventsAsync()
    {
        // Lines can be megabytes long (the setup cell displays plotly.js): ReadLine has no length limit.
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            TimeSpan at = _clock.Elapsed;
            if (KernelEnvelope.TryParse(line) is not { } envelope)
            {
                _noise.Enqueue(line);
                continue;
            }

            if (envelope["eventType"]?.GetValue<string>() is not { } eventType)
            {
                string commandType = envelope["commandType"]?.GetValue<string>() ?? "this command";
                try
                {
                    await WriteLineAsync(KernelEnvelope.Refuse(envelope, $"A headless client cannot answer {commandType}."), CancellationToken.None).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The kernel has gone; its exit ends the cell.
                }

                continue;
            }

            string? token = envelope["command"]?["token"]?.GetValue<string>();
            var kernelEvent = new KernelEvent(at, eventType, token, envelope);
            if (eventType == KernelEnvelope.KernelReady)
            {
                _ready.TrySetResult();
            }
            else if (token is not null && _running.TryGetValue(KernelEnvelope.RootToken(token), out Submission? submission) && submission.TryAdd(kernelEvent))
            {
                if (token == submission.Token && eventType is KernelEnvelope.CommandSucceeded or KernelEnvelope.CommandFailed)
                {
                    submission.Done.TrySetResult(eventType == KernelEnvelope.CommandSucceeded ? CellOutcome.Succeeded : CellOutcome.Failed);
                }
            }
            else
            {
                _late.Enqueue(kernelEvent);
            }
        }
    }

    private async Task ReadStandardErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
                if (_stderr.Length > KeptStandardError)
                {
                    _stderr.Remove(0, _stderr.Length - KeptStandardError);
                }
            }
        }
    }

    /// <summary>A submitted cell: its events until it ends, and how it ended.</summary>
    private sealed class Submission(string token)
    {
        private readonly List<KernelEvent> _events = [];
        private bool _closed;

        public string Token { get; } = token;

        public TaskCompletionSource<CellOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryAdd(KernelEvent kernelEvent)
        {
            lock (_events)
            {
                if (!_closed)
                {
                    _events.Add(kernelEvent);
                }

                return !_closed;
            }
        }

        /// <summary>Stops taking events (later ones are late) and returns those taken.</summary>
        public KernelEvent[] Close()
        {
            lock (_events)
            {
                _closed = true;
                return [.. _events];
            }
        }
    }
}
