using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>How to run a notebook headless.</summary>
/// <param name="OutputDirectory">Where the executed notebook is written.</param>
/// <param name="SecondsPerHour">When set, injected after the parameters cell as <c>secondsPerHour = …;</c> to speed the story clock up.</param>
/// <param name="Timeout">The longest a notebook may run; past it the kernel is killed and the run fails.</param>
/// <param name="AppendedCells">C# cells appended to the end of the notebook (the tests use them to read the notebook's results).</param>
/// <param name="RunSolutions">
/// Inject each exercise's solution, and its check again ending in <c>VerifyAsync()</c>, after the exercise's check cell
/// (<see cref="ExerciseSolutions.Inject"/>): the tests prove every solution passes. The run command leaves notebooks untouched.
/// </param>
public sealed record NotebookRunOptions(
    string OutputDirectory,
    double? SecondsPerHour = null,
    TimeSpan? Timeout = null,
    IReadOnlyList<string>? AppendedCells = null,
    bool RunSolutions = false)
{
    /// <summary>The time limit used when <see cref="Timeout"/> is not set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);
}

/// <summary>A cell that produced an error output.</summary>
/// <param name="CellNumber">1-based position of the cell in the executed notebook, as VS Code counts.</param>
/// <param name="FirstLine">The cell's first source line, to find it by eye.</param>
/// <param name="Error">The error's name and text.</param>
public sealed record CellError(int CellNumber, string FirstLine, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"cell {CellNumber} ({FirstLine}): {Error}";
}

/// <summary>What happened when a notebook ran.</summary>
public sealed record NotebookRunResult(
    string NotebookName,
    string ExecutedPath,
    TimeSpan Duration,
    bool TimedOut,
    int ExitCode,
    IReadOnlyList<CellError> Errors,
    JsonObject? Executed,
    string KernelLog)
{
    /// <summary>True when every cell ran without error within the time limit.</summary>
    public bool Succeeded => !TimedOut && Errors.Count == 0 && Executed is not null;

    /// <summary>A one-paragraph account of the failure, naming the notebook, the cell and the error.</summary>
    public string Describe()
    {
        if (Succeeded)
        {
            return $"{NotebookName}: ok in {Duration.TotalSeconds:F1} s";
        }

        var text = new StringBuilder($"{NotebookName} failed");
        if (TimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $": it ran longer than its time limit ({Duration.TotalSeconds:F0} s) and was stopped");
        }

        foreach (CellError error in Errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {error}");
        }

        if (Executed is null && !TimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $": no executed notebook was written (dotnet-repl exit code {ExitCode})\n{KernelLog}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Everything the notebook printed (stdout streams and plain-text results), in cell order. A result or display
    /// ends its line, so what the next cell prints starts a line of its own.
    /// </summary>
    public string PrintedText()
    {
        if (Executed is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (JsonNode? cell in NotebookFile.Cells(Executed))
        {
            foreach (JsonObject output in NotebookFile.Outputs(cell!))
            {
                string printed = NotebookFile.PrintedText(output);
                text.Append(printed);
                if (output["output_type"]?.GetValue<string>() != "stream" && printed.Length > 0 && !printed.EndsWith('\n'))
                {
                    text.Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Every text/html output of the executed notebook with the number of its cell.</summary>
    public IEnumerable<(int CellNumber, string Html)> HtmlOutputs()
    {
        if (Executed is null)
        {
            yield break;
        }

        JsonArray cells = NotebookFile.Cells(Executed);
        for (int i = 0; i < cells.Count; i++)
        {
            foreach (JsonObject output in NotebookFile.Outputs(cells[i]!))
            {
                if (NotebookFile.Data(output, "text/html") is { } html)
                {
                    yield return (i + 1, html);
                }
            }
        }
    }
}

/// <summary>Runs notebooks on the real .NET Interactive kernel through the dotnet-repl tool.</summary>
public static class NotebookExecution
{
    /// <summary>
    /// Runs <paramref name="notebookPath"/> top to bottom, with the notebook's own folder as the working directory
    /// (as VS Code does), and collects every cell error from the executed notebook.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string notebookPath, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        string notebookDir = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string outputDir = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(outputDir);
        string inputPath = Path.Combine(outputDir, name + ".input.ipynb");
        string executedPath = Path.Combine(outputDir, name + ".ipynb");
        File.Delete(executedPath);

        JsonObject notebook = Prepare(notebookPath, options);
        NotebookFile.Save(notebook, inputPath);

        TimeSpan timeout = options.Timeout ?? NotebookRunOptions.DefaultTimeout;
        var clock = Stopwatch.StartNew();
        bool timedOut = false;
        ProcessResult? repl = null;
        try
        {
            repl = await ChildProcess.RunAsync("dotnet",
                ["tool", "run", "dotnet-repl", "--", "--run", inputPath, "--exit-after-run", "--output-format", "ipynb",
                 "--output-path", executedPath, "--working-dir", notebookDir, "--default-kernel", "csharp"],
                new ChildProcessOptions
                {
                    // The notebook's folder, as in VS Code: #!import resolves relative paths from the process's directory.
                    WorkingDirectory = WorkingDirectoryFor(notebookDir),
                    Environment = ReplEnvironment,
                    Timeout = timeout,
                    CheckExitCode = false, // a failing cell is reported from the executed notebook, which names it
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            timedOut = true;
        }

        clock.Stop();
        string log = repl is null ? string.Empty : Tail(repl.Stdout + repl.Stderr, 4000);
        JsonObject? executed = File.Exists(executedPath) ? NotebookFile.Load(executedPath) : null;
        if (executed is not null && LiveFrames.KeepLast(executed) > 0)
        {
            NotebookFile.Save(executed, executedPath); // as VS Code and Jupyter save it: the final frame of each live chart
        }

        File.Delete(inputPath);
        return new NotebookRunResult(name, executedPath, clock.Elapsed, timedOut, repl?.ExitCode ?? -1,
            executed is null ? [] : FindErrors(executed), executed, log);
    }

    /// <summary>
    /// The notebook as a headless run submits it: the story clock's scale injected after the parameters cell, each
    /// exercise's solution and check injected when asked, and the appended cells at the end.
    /// </summary>
    /// <exception cref="InvalidDataException">Solutions were asked for and the notebook's exercises break the convention.</exception>
    public static JsonObject Prepare(string notebookPath, NotebookRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonObject notebook = NotebookFile.Load(notebookPath);
        if (options.SecondsPerHour is double scale)
        {
            NotebookFile.InjectAfterParameters(notebook,
                "// Injected by the headless runner (tools/NotebookRunner): a faster story clock for this run.\n" +
                $"secondsPerHour = {scale.ToString("R", CultureInfo.InvariantCulture)};");
        }

        if (options.RunSolutions)
        {
            ExerciseSolutions.Inject(notebook);
        }

        foreach (string cell in options.AppendedCells ?? [])
        {
            NotebookFile.Cells(notebook).Add(NotebookFile.CodeCell(cell));
        }

        return notebook;
    }

    private static readonly Dictionary<string, string> ReplEnvironment = new(StringComparer.Ordinal)
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        ["NO_COLOR"] = "1",
    };

    // dotnet-repl is a local tool, found through the manifest at or above the working directory. A notebook outside the
    // repository (such as a test's temporary one) has none above it, so it runs from the runner's own repository.
    private static string WorkingDirectoryFor(string notebookDir) =>
        Repository.FindFolderAbove(notebookDir, Path.Combine(".config", "dotnet-tools.json")) is null ? Repository.Root() : notebookDir;

    /// <summary>Every error output in an executed notebook, with its cell.</summary>
    public static IReadOnlyList<CellError> FindErrors(JsonObject executed)
    {
        var errors = new List<CellError>();
        JsonArray cells = NotebookFile.Cells(executed);
        for (int i = 0; i < cells.Count; i++)
        {
            JsonNode cell = cells[i]!;
            foreach (JsonObject output in NotebookFile.Outputs(cell))
            {
                if (output["output_type"]?.GetValue<string>() == "error")
                {
                    string ename = output["ename"]?.GetValue<string>() ?? "Error";
                    string evalue = output["evalue"]?.GetValue<string>() ?? string.Empty;
                    string firstLine = NotebookFile.Source(cell).Split('\n', 2)[0].Trim();
                    errors.Add(new CellError(i + 1, firstLine, $"{ename}: {Tail(evalue, 2000)}"));
                }
            }
        }

        return errors;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}
