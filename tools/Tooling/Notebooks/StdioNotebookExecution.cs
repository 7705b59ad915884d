using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tooling;

/// <summary>One code cell of a notebook run over stdio.</summary>
/// <param name="CellNumber">1-based position in the executed notebook, as VS Code counts.</param>
/// <param name="FirstLine">The cell's first source line, to find it by eye.</param>
/// <param name="Run">What the kernel sent for it.</param>
public sealed record StdioCell(int CellNumber, string FirstLine, CellRun Run);

/// <summary>A notebook run cell by cell over the stdio protocol, as VS Code runs it.</summary>
/// <param name="Result">The run as the other runners report it, with the executed notebook VS Code would keep.</param>
/// <param name="Cells">Every code cell submitted, in order, with its events (the run stops after a failing cell).</param>
/// <param name="KernelStart">How long the kernel took to be ready.</param>
/// <param name="LateEvents">Events that came after their cell had ended: output of work a cell left running, which a front end drops.</param>
public sealed record StdioNotebookRun(NotebookRunResult Result, IReadOnlyList<StdioCell> Cells, TimeSpan KernelStart, IReadOnlyList<KernelEvent> LateEvents);

/// <summary>
/// Runs a notebook the way VS Code's Polyglot Notebooks does: a <see cref="StdioKernel"/> started with the notebook's
/// folder as <c>--working-dir</c>, each code cell submitted in turn, stopping at the first that fails.
/// </summary>
/// <remarks>
/// The executed notebook is built from the events as VS Code builds a cell's outputs (notebookControllers.ts,
/// interactiveClient.ts in dotnet/interactive): text written to the console as stream outputs, a displayed value as an
/// output keyed by its display id, which a DisplayedValueUpdated with that id replaces in place (or, naming an id no
/// output has, appends), a return value as a result, and ErrorProduced or CommandFailed as an error. So a live chart
/// leaves one output, its final frame.
/// </remarks>
public static class StdioNotebookExecution
{
    /// <summary>Runs <paramref name="notebookPath"/> as <see cref="NotebookExecution.RunAsync"/> does, over stdio.</summary>
    /// <param name="notebookPath">The notebook.</param>
    /// <param name="options">As for <see cref="NotebookExecution.RunAsync"/>; <see cref="NotebookRunOptions.Timeout"/> limits the whole notebook.</param>
    /// <param name="cancellationToken">Stops the run and the kernel.</param>
    public static async Task<StdioNotebookRun> RunAsync(string notebookPath, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        string notebookDir = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string executedPath = Path.Combine(Path.GetFullPath(options.OutputDirectory), name + ".stdio.ipynb");
        JsonObject notebook = NotebookExecution.Prepare(notebookPath, options);
        string defaultKernel = notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? "csharp";
        TimeSpan timeout = options.Timeout ?? NotebookRunOptions.DefaultTimeout;

        var clock = Stopwatch.StartNew();
        var cells = new List<StdioCell>();
        var errors = new List<CellError>();
        bool timedOut = false;
        TimeSpan kernelStart;
        string log;
        KernelEvent[] late;
        await using (StdioKernel kernel = await StdioKernel.StartAsync(new StdioKernelOptions(notebookDir), cancellationToken).ConfigureAwait(false))
        {
            kernelStart = clock.Elapsed;
            JsonArray notebookCells = NotebookFile.Cells(notebook);
            for (int i = 0; i < notebookCells.Count; i++)
            {
                JsonObject cell = (JsonObject)notebookCells[i]!;
                if (!NotebookFile.IsCode(cell))
                {
                    continue;
                }

                string source = NotebookFile.Source(cell);
                string firstLine = source.Split('\n', 2)[0].Trim();
                TimeSpan left = timeout - clock.Elapsed;
                CellRun run = left > TimeSpan.Zero
                    ? await kernel.SubmitCodeAsync(source, KernelName(cell, defaultKernel), left, cancellationToken).ConfigureAwait(false)
                    : new CellRun("not-run", CellOutcome.TimedOut, TimeSpan.Zero, []);
                cells.Add(new StdioCell(i + 1, firstLine, run));
                cell["outputs"] = Outputs(run);
                if (!run.Passed)
                {
                    timedOut = run.Outcome == CellOutcome.TimedOut;
                    errors.Add(new CellError(i + 1, firstLine, run.Failure ?? run.Outcome.ToString()));
                    break;
                }
            }

            log = kernel.StandardError;
            late = [.. kernel.LateEvents];
        }

        clock.Stop();
        NotebookFile.Save(notebook, executedPath);
        var result = new NotebookRunResult(name, executedPath, clock.Elapsed, timedOut, 0, errors, notebook, log);
        return new StdioNotebookRun(result, cells, kernelStart, late);
    }

    /// <summary>The outputs VS Code shows for a cell after <paramref name="run"/>, in nbformat.</summary>
    public static JsonArray Outputs(CellRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var outputs = new JsonArray();
        foreach (KernelEvent e in run.Events)
        {
            switch (e.EventType)
            {
                case KernelEnvelope.StandardOutputValueProduced:
                    AppendStream(outputs, "stdout", e.FormattedValues.GetValueOrDefault("text/plain") ?? string.Empty);
                    break;
                case KernelEnvelope.StandardErrorValueProduced:
                    AppendStream(outputs, "stderr", e.FormattedValues.GetValueOrDefault("text/plain") ?? string.Empty);
                    break;
                case KernelEnvelope.DisplayedValueProduced:
                case KernelEnvelope.DisplayedValueUpdated:
                    JsonObject display = Rich("display_data", e);
                    int same = e.ValueId is null ? -1 : IndexOf(outputs, e.ValueId);
                    if (same >= 0)
                    {
                        outputs[same] = display;
                    }
                    else
                    {
                        outputs.Add(display);
                    }

                    break;
                case KernelEnvelope.ReturnValueProduced:
                    outputs.Add(Rich("execute_result", e));
                    break;
                case KernelEnvelope.ErrorProduced:
                    outputs.Add(Error("Error", e.Message ?? string.Empty));
                    break;
                case KernelEnvelope.CommandFailed when e.CommandToken == run.Token:
                    outputs.Add(Error("Error", e.Message ?? string.Empty));
                    break;
            }
        }

        return outputs;
    }

    private static string KernelName(JsonObject cell, string defaultKernel) =>
        cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? cell["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? defaultKernel;

    private static void AppendStream(JsonArray outputs, string stream, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && last["output_type"]?.GetValue<string>() == "stream"
            && last["name"]?.GetValue<string>() == stream)
        {
            last["text"] = NotebookFile.StreamText(last) + text;
            return;
        }

        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = stream, ["text"] = text });
    }

    private static JsonObject Rich(string outputType, KernelEvent e)
    {
        var data = new JsonObject();
        foreach (var (mimeType, value) in e.FormattedValues)
        {
            data[mimeType] = value;
        }

        var output = new JsonObject { ["output_type"] = outputType, ["data"] = data, ["metadata"] = new JsonObject() };
        if (e.ValueId is { } id)
        {
            output["metadata"]!["id"] = id; // what VS Code keys an output by, and what an update names
        }

        if (outputType == "execute_result")
        {
            output["execution_count"] = null;
        }

        return output;
    }

    private static int IndexOf(JsonArray outputs, string valueId)
    {
        for (int i = 0; i < outputs.Count; i++)
        {
            if (outputs[i]?["metadata"]?["id"]?.GetValue<string>() == valueId)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonObject Error(string name, string message) => new()
    {
        ["output_type"] = "error",
        ["ename"] = name,
        ["evalue"] = message,
        ["traceback"] = new JsonArray(),
    };
}
