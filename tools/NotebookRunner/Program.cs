using System.CommandLine;
using Tooling;

// The series' main job: run every notebook headless on the real kernel, write the executed notebooks and their
// charts (HTML that draws offline) to artifacts/, then the course as a website (artifacts/site/index.html: prose, code,
// outputs and charts, no network needed), and print a progress line per notebook and a summary.
//   dotnet run --project tools/NotebookRunner -- [--scale SECONDS_PER_HOUR] [--out DIR] [--only NAME] [--timeout MINUTES] [--edition en|ko]
//   dotnet run --project tools/NotebookRunner -- --site-only [--out DIR]   (the site again from the notebooks already run)

// --timeout: from six seconds to a day (the longest notebook takes about a minute; a .NET timer can wait 49 days).
const double MinTimeoutMinutes = 0.1, MaxTimeoutMinutes = 24 * 60;

Option<double?> scaleOption = ToolCommandLine.Scale("The story clock for every notebook; each notebook's own (1.0) when not given");
Option<string?> outOption = ToolCommandLine.Folder("--out", "Where executed notebooks and charts go (default: artifacts/)");
Option<string?> onlyOption = ToolCommandLine.Text("--only", "part of a notebook's file name", "Runs only notebooks whose file name contains this");
Option<double?> timeoutOption = ToolCommandLine.Number("--timeout", "minutes", MinTimeoutMinutes, MaxTimeoutMinutes,
    "The longest one notebook may run", NotebookRunOptions.DefaultTimeout.TotalMinutes);
Option<string> editionOption = ToolCommandLine.OneOf("--edition", Editions.All, "Which edition's notebooks to run: notebooks/ (en) or notebooks/ko/ (ko)", Editions.English);

Option<bool> siteOnlyOption = new("--site-only")
{
    Description = "Runs nothing: writes the site (DIR/site) again from the executed notebooks already in DIR/notebooks",
};

RootCommand command = ToolCommandLine.Create(
    "Runs every notebook in notebooks/ (or another edition's, with --edition) headless on the .NET Interactive kernel (dotnet-repl), then writes the course as a website.",
    scaleOption, outOption, onlyOption, timeoutOption, editionOption, siteOnlyOption);
command.Validators.Add(result =>
{
    if (result.GetResult(siteOnlyOption) is not null)
    {
        foreach (Option runOnly in new Option[] { scaleOption, onlyOption, timeoutOption, editionOption }.Where(o => result.GetResult(o) is { Implicit: false }))
        {
            result.AddError($"--site-only runs no notebook, so {runOnly.Name} has nothing to change: give one or the other.");
        }
    }
});
command.SetAction((parsed, cancellationToken) => parsed.GetValue(siteOnlyOption)
    ? Task.FromResult(WriteSite(parsed.GetValue(outOption)))
    : RunAsync(parsed.GetValue(scaleOption), parsed.GetValue(outOption), parsed.GetValue(onlyOption),
        TimeSpan.FromMinutes(parsed.GetValue(timeoutOption)!.Value), parsed.GetValue(editionOption)!, cancellationToken));
return await ToolCommandLine.RunAsync("NotebookRunner", command, args);

static async Task<int> RunAsync(double? scale, string? outDir, string? only, TimeSpan timeout, string edition, CancellationToken cancellationToken)
{
    string root = Repository.Root(Directory.GetCurrentDirectory());
    string artifacts = Path.GetFullPath(outDir ?? Path.Combine(root, "artifacts"));
    // A translation's notebooks have the English names, so they go to a folder of their own (artifacts/notebooks/ko/).
    string editionFolder = edition == Editions.English ? "" : edition;
    string notebooksOut = Path.Combine(artifacts, "notebooks", editionFolder);
    string chartsOut = Path.Combine(artifacts, "charts", editionFolder);
    string notebooksIn = Path.GetRelativePath(root, Editions.NotebookFolder(root, edition)).Replace(Path.DirectorySeparatorChar, '/') + "/";
    var notebooks = Repository.Notebooks(root, edition)
        .Where(n => only is null || Path.GetFileName(n).Contains(only, StringComparison.OrdinalIgnoreCase))
        .ToArray();
    if (notebooks.Length == 0)
    {
        await Console.Error.WriteLineAsync(only is null ? $"NotebookRunner: no notebooks in {notebooksIn}." : $"NotebookRunner: --only: no notebook's name in {notebooksIn} contains '{only}'.");
        return ToolCommandLine.BadArguments;
    }

    Console.WriteLine($"Running {notebooks.Length} notebook(s) of {notebooksIn} headless on the .NET Interactive kernel" +
                      (scale is null ? "" : $", {scale} s per story hour") + ".");
    await Repository.PrepareAsync(root, Console.Out, cancellationToken);

    var results = new List<(NotebookRunResult Run, int Charts)>();
    for (int i = 0; i < notebooks.Length; i++)
    {
        string name = Path.GetFileNameWithoutExtension(notebooks[i]);
        Console.Write($"[{i + 1}/{notebooks.Length}] {name} ... ");
        var run = await NotebookExecution.RunAsync(notebooks[i], new NotebookRunOptions(notebooksOut, scale, timeout), cancellationToken);
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
    Console.WriteLine();
    int site = WriteSite(outDir);
    return results.All(r => r.Run.Succeeded) ? site : 1;
}

// The course as a website, from the executed notebooks in artifacts/notebooks (or DIR/notebooks): 0 when every
// notebook that ran has its page and every link leads somewhere, 1 otherwise (what could be written is written). A
// notebook never run (after --only) is named, without failing.
static int WriteSite(string? outDir)
{
    string root = Repository.Root(Directory.GetCurrentDirectory());
    string artifacts = Path.GetFullPath(outDir ?? Path.Combine(root, "artifacts"));
    string executed = Path.Combine(artifacts, "notebooks");
    if (!Directory.Exists(executed))
    {
        Console.Error.WriteLine($"NotebookRunner: no executed notebooks in {executed}: run the notebooks first (without --site-only).");
        return 1;
    }

    SiteReport report = SiteWriter.Write(new SiteSources(root, executed), Path.Combine(artifacts, "site"));
    Console.WriteLine($"Site: {Path.Combine(report.Directory, "index.html")} (open it in any browser, no network needed): {report.Summary()}");
    foreach (string notRun in report.NotRun)
    {
        Console.WriteLine($"  not on the site: {notRun}");
    }

    foreach (string problem in report.Problems)
    {
        Console.WriteLine($"  site problem: {problem}");
    }

    return report.Problems.Count == 0 ? 0 : 1;
}
