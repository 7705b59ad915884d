using System.Collections.Concurrent;
using System.Text.Json;
using Tooling;

[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)] // timing claims need the machine to themselves

namespace Notebooks.Tests;

/// <summary>
/// Runs each notebook once per test run (however many tests ask about it) with a faster story clock, and reads the
/// values each lesson claims from a cell appended after its last one.
/// </summary>
internal static class NotebookRuns
{
    /// <summary>Real seconds per story hour in the tests: short enough to be quick, long enough that the 4 ms timer tick and JIT warm-up stay small.</summary>
    public const double SecondsPerHour = 0.2;

    /// <summary>The longest one notebook may run before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private const string ClaimsMarker = "NOTEBOOK-CLAIMS ";

    /// <summary>
    /// Per notebook, a C# expression over the notebook's own variables whose JSON the claim tests read, from the
    /// <see cref="NotebookClaimsAttribute"/> on each notebook's test class. Evaluated in a cell appended to the
    /// notebook, so the claims come from the same run the learner's outputs show.
    /// </summary>
    private static readonly Dictionary<string, string> ClaimExpressions = typeof(NotebookRuns).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(NotebookClaimsAttribute), inherit: false).Cast<NotebookClaimsAttribute>())
        .ToDictionary(a => a.Notebook, a => a.Expression, StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, Lazy<Task<NotebookRunResult>>> Runs = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<Task<StdioNotebookRun>>> StdioRuns = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> ChartFiles = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> OutputsPages = new(StringComparer.Ordinal);
    private static readonly Lazy<Task> Prepared = new(() => Repository.PrepareAsync(Root, TextWriter.Null));

    public static string Root => RootDirectory.Value;

    private static readonly Lazy<string> RootDirectory = new(() => Repository.Root());

    public static string ArtifactsDirectory => Path.Combine(Root, "artifacts", "tests");

    /// <summary>Every notebook's name (file name without .ipynb), in series order.</summary>
    public static IEnumerable<object[]> Names() =>
        Repository.Notebooks(Root).Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

    /// <summary>The run of <paramref name="name"/>, started on first request and shared afterwards.</summary>
    public static Task<NotebookRunResult> Get(string name) =>
        Runs.GetOrAdd(name, n => new Lazy<Task<NotebookRunResult>>(() => RunAsync(n))).Value;

    /// <summary>
    /// The run of <paramref name="name"/> cell by cell over the stdio protocol, as VS Code runs it (its own kernel, the
    /// notebook's folder as working directory), started on first request and shared afterwards. Untouched but for the
    /// story clock's scale.
    /// </summary>
    public static Task<StdioNotebookRun> Stdio(string name) =>
        StdioRuns.GetOrAdd(name, n => new Lazy<Task<StdioNotebookRun>>(async () =>
        {
            await Prepared.Value;
            await using var timingLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Timing);
            return await StdioNotebookExecution.RunAsync(Path.Combine(Root, "notebooks", n + ".ipynb"),
                new NotebookRunOptions(Path.Combine(ArtifactsDirectory, "notebooks"), SecondsPerHour, Timeout));
        })).Value;

    /// <summary>
    /// A test notebook of tests/Notebooks.Tests/TestNotebooks, copied with the files beside it into a folder whose
    /// <c>../lib</c> is the repository's lib/ (a symbolic link), so that <c>#!import ../lib/setup.dib</c> works in it as in
    /// a lesson notebook. Returns the copy's path; the repository is ready for notebooks (tools restored, lib/ built).
    /// </summary>
    public static async Task<string> StageTestNotebook(string fileName)
    {
        await Prepared.Value;
        string source = Path.Combine(Root, "tests", "Notebooks.Tests", "TestNotebooks");
        string home = Path.Combine(ArtifactsDirectory, "test-notebooks");
        string folder = Path.Combine(home, "notebooks");
        Directory.CreateDirectory(folder);
        string lib = Path.Combine(home, "lib");
        if (!Directory.Exists(lib))
        {
            Directory.CreateSymbolicLink(lib, Path.Combine(Root, "lib"));
        }

        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        string staged = Path.Combine(folder, fileName);
        Xunit.Assert.True(File.Exists(staged), $"No test notebook {fileName} in {source}");
        return staged;
    }

    /// <summary>The run of <paramref name="name"/>, asserted to have succeeded.</summary>
    public static async Task<NotebookRunResult> Succeeded(string name)
    {
        NotebookRunResult run = await Get(name);
        Xunit.Assert.True(run.Succeeded, run.Describe());
        return run;
    }

    /// <summary>The claims JSON the appended cell printed.</summary>
    public static async Task<JsonElement> Claims(string name)
    {
        NotebookRunResult run = await Succeeded(name);
        string? line = run.PrintedText().Split('\n').FirstOrDefault(l => l.StartsWith(ClaimsMarker, StringComparison.Ordinal));
        Xunit.Assert.True(line is not null, $"{name} printed no claims line; its output was:\n{run.PrintedText()}");
        return JsonDocument.Parse(line[ClaimsMarker.Length..]).RootElement.Clone();
    }

    /// <summary>The chart files the run of <paramref name="name"/> saved, exactly as the run command saves them (<see cref="ChartExport"/>).</summary>
    public static async Task<IReadOnlyList<string>> Charts(string name)
    {
        await Succeeded(name);
        return ChartFiles[name];
    }

    /// <summary>The executed notebook's outputs as one page, as the run command writes it (<see cref="ChartExport.WriteOutputsPage"/>).</summary>
    public static async Task<string> OutputsPage(string name)
    {
        await Succeeded(name);
        return OutputsPages[name];
    }

    private static async Task<NotebookRunResult> RunAsync(string name)
    {
        await Prepared.Value;
        string path = Path.Combine(Root, "notebooks", name + ".ipynb");
        var appended = ClaimExpressions.TryGetValue(name, out string? expression)
            ? new[] { $"// Appended by tests/Notebooks.Tests: the values this lesson claims, read by its tests.\nConsole.WriteLine(\"{ClaimsMarker}\" + System.Text.Json.JsonSerializer.Serialize({expression}));" }
            : [];
        await using var timingLock = await RepositoryLock.AcquireAsync(Root, RepositoryLock.Timing); // the samples' tests measure time too
        // A notebook written to the exercise convention has each solution injected and verified after its check cell.
        bool solutions = ExerciseSolutions.UsesSolutionBlocks(NotebookFile.Load(path));
        var run = await NotebookExecution.RunAsync(path,
            new NotebookRunOptions(Path.Combine(ArtifactsDirectory, "notebooks"), SecondsPerHour, Timeout, appended, solutions));
        ChartFiles[name] = ChartExport.Write(run, Path.Combine(ArtifactsDirectory, "charts"));
        OutputsPages[name] = ChartExport.WriteOutputsPage(run, Path.Combine(ArtifactsDirectory, "notebooks"));
        return run;
    }
}

/// <summary>Names the notebook a test class checks and the C# expression (over the notebook's variables) whose JSON it reads.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class NotebookClaimsAttribute(string notebook, string expression) : Attribute
{
    public string Notebook { get; } = notebook;

    public string Expression { get; } = expression;
}
