using System.Globalization;
using NotebookRunner;

// The series' main job: run every notebook headless on the real kernel, write the executed notebooks and their
// charts (HTML that draws offline) to artifacts/, and print a progress line per notebook and a summary.
//   dotnet run --project tools/NotebookRunner -- [--scale SECONDS_PER_HOUR] [--out DIR] [--only NAME] [--timeout MINUTES]

double? scale = null;
string? outDir = null;
string? only = null;
double timeoutMinutes = NotebookRunOptions.DefaultTimeout.TotalMinutes;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : Fail<string>($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--scale":
            string s = Value();
            scale = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0
                ? v : Fail<double>($"--scale must be a number of real seconds per story hour greater than 0; got '{s}'.");
            break;
        case "--out":
            outDir = Value();
            break;
        case "--only":
            only = Value();
            break;
        case "--timeout":
            string t = Value();
            timeoutMinutes = double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double m) && m > 0
                ? m : Fail<double>($"--timeout must be a number of minutes greater than 0; got '{t}'.");
            break;
        case "-h" or "--help":
            Console.WriteLine("""
                Runs every notebook in notebooks/ headless on the .NET Interactive kernel (dotnet-repl).
                  --scale S     real seconds per story hour (default: each notebook's own, 1.0)
                  --out DIR     where executed notebooks and charts go (default: artifacts/)
                  --only NAME   run only notebooks whose file name contains NAME
                  --timeout M   minutes one notebook may run (default: 5)
                """);
            return 0;
        default:
            return Fail<int>($"Unknown argument '{args[i]}'. Try --help.");
    }
}

string root = Repository.Root(Directory.GetCurrentDirectory());
string artifacts = Path.GetFullPath(outDir ?? Path.Combine(root, "artifacts"));
string notebooksOut = Path.Combine(artifacts, "notebooks");
string chartsOut = Path.Combine(artifacts, "charts");
var notebooks = Repository.Notebooks(root)
    .Where(n => only is null || Path.GetFileName(n).Contains(only, StringComparison.OrdinalIgnoreCase))
    .ToArray();
if (notebooks.Length == 0)
{
    return Fail<int>(only is null ? "No notebooks in notebooks/." : $"No notebook name contains '{only}'.");
}

Console.WriteLine($"Running {notebooks.Length} notebook(s) headless on the .NET Interactive kernel" +
                  (scale is null ? "" : $", {scale} s per story hour") + ".");
await Repository.PrepareAsync(root, Console.Out);

var results = new List<(NotebookRunResult Run, int Charts)>();
for (int i = 0; i < notebooks.Length; i++)
{
    string name = Path.GetFileNameWithoutExtension(notebooks[i]);
    Console.Write($"[{i + 1}/{notebooks.Length}] {name} ... ");
    var run = await NotebookExecution.RunAsync(notebooks[i],
        new NotebookRunOptions(notebooksOut, scale, TimeSpan.FromMinutes(timeoutMinutes)));
    int charts = ChartExport.Write(run, chartsOut).Count;
    ChartExport.WriteOutputsPage(run, notebooksOut);
    Console.WriteLine(run.Succeeded ? $"ok in {run.Duration.TotalSeconds:F1} s, {charts} chart(s)" : "FAILED");
    if (!run.Succeeded)
    {
        Console.WriteLine(run.Describe());
    }

    results.Add((run, charts));
}

Console.WriteLine();
Console.WriteLine($"{"notebook",-40} {"result",-8} {"seconds",8} {"charts",7}");
foreach (var (run, charts) in results)
{
    Console.WriteLine($"{run.NotebookName,-40} {(run.Succeeded ? "ok" : "FAILED"),-8} {run.Duration.TotalSeconds,8:F1} {charts,7}");
}

Console.WriteLine($"{"total",-40} {"",-8} {results.Sum(r => r.Run.Duration.TotalSeconds),8:F1} {results.Sum(r => r.Charts),7}");
Console.WriteLine();
Console.WriteLine($"Executed notebooks: {notebooksOut} (.ipynb, and each one's outputs as a page: .html, draws offline)");
Console.WriteLine($"Charts (open in any browser, no network needed): {chartsOut}");
return results.All(r => r.Run.Succeeded) ? 0 : 1;

// Bad arguments: one line naming the argument and what is allowed, exit code 2, no stack trace.
static T Fail<T>(string message)
{
    Console.Error.WriteLine(message);
    Environment.Exit(2);
    return default!;
}
