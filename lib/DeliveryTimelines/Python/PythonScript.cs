using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace DeliveryTimelines;

/// <summary>
/// Runs one of the Python originals (<c>samples/python/*.py</c>) and reads what it reports, so that a notebook can put
/// what asyncio does beside what C# does, from the same run and at the same clock scale.
/// </summary>
/// <remarks>
/// <para>
/// Python is optional for the course. When <c>python3</c> is not on the PATH, <see cref="RunAsync(string, object[])"/>
/// returns a <see cref="PythonRun"/> whose <see cref="PythonRun.Skipped"/> says so in one sentence: a learner without
/// Python reads a note, never a stack trace. A script that needs a newer Python than the one found (eager tasks need
/// 3.12) reports its own skip the same way.
/// </para>
/// <code>
/// PythonRun python = await PythonScript.RunAsync("gather_fails.py", "--scale", secondsPerHour, "--drops-after", dropsAfter);
/// Console.WriteLine(python);                                   // its lines, stamped with story hours, or why it was skipped
/// if (python.Ran) Console.WriteLine($"gather raised at {python.When("caller", "caught"):F2} h");
/// </code>
/// <para>
/// Every run adds <c>--json</c>: each script then ends with one JSON line (the layout is documented in
/// <c>samples/python/deliveries.py</c>), which <see cref="PythonRun.Parse"/> reads. Both output streams are read while
/// the script runs, so a script that prints a lot can never block on a full pipe.
/// </para>
/// </remarks>
public static class PythonScript
{
    private static readonly Lazy<string?> Python3Path = new(FindPython3);
    private static readonly Lazy<string?> Folder = new(FindScriptsFolder);

    /// <summary>How long a run may take before it is stopped: the scripts take seconds at one second per story hour.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>The Python interpreter found on the PATH (<c>python3</c>), or null when there is none.</summary>
    public static string? Python3 => Python3Path.Value;

    /// <summary>
    /// The folder of the Python originals, <c>samples/python</c> in the course's repository: searched upwards from the
    /// current directory (a notebook's folder), from a file-based program's own .cs file (a sample, run from anywhere),
    /// and from this library's and the application's locations (a test's output folder).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">None of those places is inside a copy of the course.</exception>
    public static string ScriptsFolder => Folder.Value ?? throw new DirectoryNotFoundException(
        $"samples/python was not found above any of: {string.Join(", ", SearchStarts())}. Run this from inside the course's repository.");

    /// <summary>
    /// Runs <c>python3 samples/python/{script} {arguments} --json</c> and returns what it reported, within
    /// <see cref="DefaultTimeout"/>.
    /// </summary>
    /// <param name="script">The script's file name, such as <c>"gather_fails.py"</c>.</param>
    /// <param name="arguments">Its command line. Numbers are written the invariant way (<c>1.5</c> on every machine),
    /// and a list of numbers as <c>1,2,3</c>, so <c>"--mealtimes", deliveries.Select(d => d.Mealtime)</c> works.</param>
    /// <returns>The run; <see cref="PythonRun.Skipped"/> says why when Python, or the Python version it needs, is missing.</returns>
    /// <exception cref="ArgumentException"><paramref name="script"/> is not a file name, or an argument is null.</exception>
    /// <exception cref="FileNotFoundException">There is no such script (the message lists the scripts there are).</exception>
    /// <exception cref="PythonScriptException">The script failed: a bad argument, or an error (the message names the script and quotes it).</exception>
    /// <exception cref="TimeoutException">The script ran longer than <see cref="DefaultTimeout"/> and was stopped.</exception>
    public static Task<PythonRun> RunAsync(string script, params object[] arguments) =>
        RunAsync(script, arguments, DefaultTimeout);

    /// <summary>Runs a script as <see cref="RunAsync(string, object[])"/> does, with a timeout and cancellation of your own.</summary>
    /// <param name="script">The script's file name, such as <c>"gather_fails.py"</c>.</param>
    /// <param name="arguments">Its command line (see <see cref="RunAsync(string, object[])"/>).</param>
    /// <param name="timeout">How long it may run before it is stopped: more than zero.</param>
    /// <param name="cancellationToken">Stops the script (the whole process tree) and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="script"/> is not a file name, or an argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    /// <exception cref="FileNotFoundException">There is no such script (the message lists the scripts there are).</exception>
    /// <exception cref="PythonScriptException">The script failed (the message names the script and quotes its error).</exception>
    /// <exception cref="TimeoutException">The script ran longer than <paramref name="timeout"/> and was stopped.</exception>
    public static Task<PythonRun> RunAsync(string script, IReadOnlyList<object> arguments, TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        RunAsync(Python3, script, arguments, timeout, cancellationToken);

    /// <summary>Runs a script with the interpreter <paramref name="python3"/> (null: none was found).</summary>
    internal static async Task<PythonRun> RunAsync(string? python3, string script, IReadOnlyList<object> arguments, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        string path = ScriptPath(script);
        string[] commandLine = CommandLine(arguments);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (python3 is not { } python)
        {
            return PythonRun.NotRun(script,
                "python3 was not found on the PATH, so the Python side cannot run on this machine; install Python 3.11 or later to see it.");
        }

        string shown = $"python3 {Path.GetFileName(path)} {string.Join(' ', commandLine)}".TrimEnd();
        var options = new ChildProcessOptions
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            Environment = new Dictionary<string, string>
            {
                ["PYTHONIOENCODING"] = "utf-8",      // the same bytes on every platform, whatever the console's code page
                ["PYTHONDONTWRITEBYTECODE"] = "1",  // leave no __pycache__ behind in samples/python
            },
            Timeout = timeout,
            CheckExitCode = false, // a failing script is reported as the script's own error, below
        };

        ProcessResult run;
        try
        {
            run = await ChildProcess.RunAsync(python, [path, .. commandLine, "--json"], options, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return PythonRun.NotRun(script, $"{python} could not be started, so the Python side cannot run on this machine.");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{shown} ran longer than {timeout.TotalSeconds:0.#} s and was stopped.");
        }

        if (run.ExitCode != 0)
        {
            throw new PythonScriptException(shown, run.ExitCode, run.Stderr);
        }

        return PythonRun.Parse(run.Stdout, run.Stderr, shown);
    }

    /// <summary>The full path of <paramref name="script"/> in <see cref="ScriptsFolder"/>.</summary>
    private static string ScriptPath(string script)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        if (script != Path.GetFileName(script) || !script.EndsWith(".py", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The script must be a file name in samples/python, such as \"gather_fails.py\"; got \"{script}\".", nameof(script));
        }

        string path = Path.Combine(ScriptsFolder, script);
        if (!File.Exists(path))
        {
            string[] scripts = [.. Directory.GetFiles(ScriptsFolder, "*.py").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            throw new FileNotFoundException($"There is no {script} in {ScriptsFolder}; there are: {string.Join(", ", scripts)}.", path);
        }

        return path;
    }

    /// <summary>The arguments as the script receives them: numbers the invariant way, lists of numbers comma-separated.</summary>
    private static string[] CommandLine(IReadOnlyList<object> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var line = new string[arguments.Count];
        for (int i = 0; i < arguments.Count; i++)
        {
            line[i] = arguments[i] switch
            {
                null => throw new ArgumentException($"Argument {i} of the script's command line is null.", nameof(arguments)),
                string text => text,
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                IEnumerable list => string.Join(',', list.Cast<object>().Select(item => Convert.ToString(item, CultureInfo.InvariantCulture))),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }

        return line;
    }

    private static string? FindPython3()
    {
        string[] names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ["python3.exe", "python.exe"] : ["python3"];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    private static string? FindScriptsFolder() => SearchStarts().Select(FindUpwards).FirstOrDefault(folder => folder is not null);

    // "EntryPointFileDirectoryPath" is where `dotnet run file.cs` found the program's source (.NET 10 file-based programs).
    private static string[] SearchStarts() =>
        [.. new[] { Environment.CurrentDirectory, AppContext.GetData("EntryPointFileDirectoryPath") as string,
                Path.GetDirectoryName(typeof(PythonScript).Assembly.Location), AppContext.BaseDirectory }
            .OfType<string>().Where(start => start.Length > 0).Select(Path.TrimEndingDirectorySeparator).Distinct(StringComparer.Ordinal)];

    private static string? FindUpwards(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "samples", "python");
            if (File.Exists(Path.Combine(candidate, "deliveries.py")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A Python original that failed: a bad argument, or an error in the script.</summary>
public sealed class PythonScriptException : Exception
{
    /// <summary>Creates the exception for <paramref name="commandLine"/>, which exited with <paramref name="exitCode"/>.</summary>
    public PythonScriptException(string commandLine, int exitCode, string standardError)
        : base($"{commandLine} failed with exit code {exitCode}: {LastLine(standardError)}")
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    public PythonScriptException(string message)
        : base(message)
    {
        CommandLine = StandardError = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own and its cause.</summary>
    public PythonScriptException(string message, Exception innerException)
        : base(message, innerException)
    {
        CommandLine = StandardError = string.Empty;
    }

    /// <summary>Creates the exception with no details.</summary>
    public PythonScriptException()
    {
        CommandLine = StandardError = string.Empty;
    }

    /// <summary>What ran: <c>python3 script.py arguments</c>.</summary>
    public string CommandLine { get; }

    /// <summary>The script's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Everything the script wrote to standard error (for an error, the whole traceback).</summary>
    public string StandardError { get; }

    // argparse's one-line error, or a traceback's last line, which names the exception: the line worth reading first.
    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(it printed no error)";
}
