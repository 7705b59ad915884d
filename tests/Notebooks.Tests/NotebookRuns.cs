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

    private static string RerunMarker(string key) => $"NOTEBOOK-RERUN-{key} ";

    /// <summary>
    /// Per notebook, a C# expression over the notebook's own variables whose JSON the claim tests read, from the
    /// <see cref="NotebookClaimsAttribute"/> on each notebook's test class. Evaluated in a cell appended to the
    /// notebook, so the claims come from the same run the learner's outputs show.
    /// </summary>
    private static readonly Dictionary<string, string> ClaimExpressions = typeof(NotebookRuns).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(NotebookClaimsAttribute), inherit: false).Cast<NotebookClaimsAttribute>())
        .ToDictionary(a => a.Notebook, a => a.Expression, StringComparer.Ordinal);

    /// <summary>Per notebook, the <see cref="NotebookRerunAttribute"/>s on its test classes: cells of its own run again, appended after the claims.</summary>
    private static readonly ILookup<string, NotebookRerunAttribute> Reruns = typeof(NotebookRuns).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(NotebookRerunAttribute), inherit: false).Cast<NotebookRerunAttribute>())
        .ToLookup(a => a.Notebook, StringComparer.Ordinal);

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

    /// <summary>Readies the repository for notebooks once per test run (tools restored, lib/ built), for tests that run one themselves.</summary>
    public static Task Ready() => Prepared.Value;

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

    /// <summary>The JSON the rerun <paramref name="key"/> of <paramref name="name"/> printed (see <see cref="NotebookRerunAttribute"/>).</summary>
    public static async Task<JsonElement> Rerun(string name, string key)
    {
        NotebookRunResult run = await Succeeded(name);
        string marker = RerunMarker(key);
        string? line = run.PrintedText().Split('\n').FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal));
        Xunit.Assert.True(line is not null, $"{name} printed no line for the rerun '{key}'; its output was:\n{run.PrintedText()}");
        return JsonDocument.Parse(line[marker.Length..]).RootElement.Clone();
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
            ? new List<string> { $"// Appended by tests/Notebooks.Tests: the values this lesson claims, read by its tests.\nConsole.WriteLine(\"{ClaimsMarker}\" + System.Text.Json.JsonSerializer.Serialize({expression}));" }
            : [];
        foreach (NotebookRerunAttribute rerun in Reruns[name])
        {
            var cells = NotebookFile.Cells(NotebookFile.Load(path))
                .Where(c => NotebookFile.IsCode(c!)).Select(c => NotebookFile.Source(c!))
                .Where(source => source.Contains(rerun.CellContaining, StringComparison.Ordinal)).ToArray();
            Xunit.Assert.True(cells.Length == 1, $"{name}: {cells.Length} cells contain '{rerun.CellContaining}'; the rerun '{rerun.Key}' needs exactly one");
            string cell = cells[0];
            if (rerun.Replace is not null)
            {
                Xunit.Assert.True(cell.Contains(rerun.Replace, StringComparison.Ordinal), $"{name}: the cell of the rerun '{rerun.Key}' has no '{rerun.Replace}' to replace");
                cell = cell.Replace(rerun.Replace, rerun.With ?? "", StringComparison.Ordinal);
            }

            string print = $"Console.WriteLine(\"{RerunMarker(rerun.Key)}\" + System.Text.Json.JsonSerializer.Serialize({rerun.Result}));";
            appended.Add(rerun.Refused
                ? $"// Appended by tests/Notebooks.Tests: the lesson's own cell again, with a value it must refuse.\n{rerun.Setup}\ntry\n{{\n{cell}\n{print}\n}}\n" +
                  $"catch (DeliveryTimelines.BadParameterException refused)\n{{\nConsole.WriteLine(\"{RerunMarker(rerun.Key)}\" + System.Text.Json.JsonSerializer.Serialize(new {{ refused = refused.Message }}));\n}}"
                : $"// Appended by tests/Notebooks.Tests: the lesson's own cell again, with other parameters.\n{rerun.Setup}\n{cell}\n{print}");
        }

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

/// <summary>
/// A cell of a notebook run once more at the end of the tests' run of it (after the claims), after
/// <paramref name="setup"/> changes its parameters: the lesson's own code, with values the default story never
/// meets. <paramref name="result"/> is a C# expression whose JSON <see cref="NotebookRuns.Rerun"/> reads.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class NotebookRerunAttribute(string notebook, string key, string setup, string cellContaining, string result) : Attribute
{
    public string Notebook { get; } = notebook;

    public string Key { get; } = key;

    public string Setup { get; } = setup;

    public string CellContaining { get; } = cellContaining;

    public string Result { get; } = result;

    /// <summary>Text of the cell to replace before it runs again (the lesson's own values are in the cell itself), or null.</summary>
    public string? Replace { get; set; }

    /// <summary>What <see cref="Replace"/> is replaced with.</summary>
    public string? With { get; set; }

    /// <summary>
    /// True when the cell must refuse its values: the rerun runs it inside a <c>try</c> and prints
    /// <c>{"refused": message}</c> for the <c>BadParameterException</c> it threw (the result when it threw none).
    /// </summary>
    public bool Refused { get; set; }
}

/// <summary>Names the notebook a test class checks and the C# expression (over the notebook's variables) whose JSON it reads.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class NotebookClaimsAttribute(string notebook, string expression) : Attribute
{
    public string Notebook { get; } = notebook;

    public string Expression { get; } = expression;
}
