using System.Text.Json;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>08 — how far gather goes: what the lesson claims, measured in the same run the learner's outputs show.</summary>
[NotebookClaims(Notebook,
    "new { largestLive, csharpOverhead, sharedOverhead, pythonPresent, pythonOverhead, delayBytes, sharedBytes, " +
    "sharedTimersAtLargest, sharedTimersPending, firstOfThreeMeals = threeMealResults.Take(6).ToArray(), " +
    "threeMealCount = threeMealResults.Length, timersLeft = sharedClock.Timers!.PendingTimers, " +
    "recordedSource = recorded.Source, recordedOwn = recorded.IsOwnRun, recordedPath = recorded.Path, recordedRaised, recordedLargest, " +
    "liveSeries = liveSeries.Select(s => s.Name), liveRaised, liveBelowFloor = delaySweep.Concat(sharedSweep).Concat(pythonSweep).Count(m => m.OverheadSeconds < 1e-4), " +
    "pending, cellBox, tickMs = timerBehavior.Tick.TotalMilliseconds, " +
    "savedBytesPerDelivery = delaySweep.Zip(sharedSweep, (d, s) => d.BytesPerDelivery - s.BytesPerDelivery).ToArray(), " +
    "recordedNs = recorded.Gather.Select(r => r.N).Distinct().Order().ToArray() }")]
[NotebookRerun(Notebook, "size-zero", "", cellContaining: "Parameters.CheckCounts(liveSizes", result: "new { refused = (string)null }",
    Replace = "{ 1_000, 10_000, 100_000 }", With = "{ 1_000, 0, 100_000 }", Refused = true)]
[NotebookRerun(Notebook, "scale-zero", "", cellContaining: "Parameters.CheckCounts(liveSizes", result: "new { refused = (string)null }",
    Replace = "var secondsPerHour = 1.0;", With = "var secondsPerHour = 0.0;", Refused = true)]
public sealed partial class ScaleNotebookTests
{
    private const string Notebook = "08-how-far-does-gather-scale";

    [Fact]
    public async Task At_the_largest_live_N_CSharp_overhead_is_below_Python_when_Python_is_present()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double csharp = claims.GetProperty("csharpOverhead").GetDouble();
        double shared = claims.GetProperty("sharedOverhead").GetDouble();
        if (claims.GetProperty("pythonPresent").GetBoolean())
        {
            double python = claims.GetProperty("pythonOverhead").GetDouble();
            Assert.True(csharp < python, $"C# Task.Delay overhead {csharp:F3} s should be below Python's {python:F3} s at N = {claims.GetProperty("largestLive")}");
            Assert.True(shared < python, $"C# shared-timer overhead {shared:F3} s should be below Python's {python:F3} s");
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, claims.GetProperty("pythonOverhead").ValueKind); // said so, and went on in C#
        }

        Assert.Equal(100_000, claims.GetProperty("largestLive").GetInt32());
    }

    [Fact]
    public async Task Shared_timers_fold_a_hundred_thousand_deliveries_into_few_timers_and_forget_them()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.InRange(claims.GetProperty("sharedTimersAtLargest").GetInt32(), 1, 1_000);
        Assert.InRange(claims.GetProperty("sharedTimersPending").GetInt32(), 3, 3_000);
        Assert.Equal(0, claims.GetProperty("timersLeft").GetInt32());
        Assert.Equal(100_000, claims.GetProperty("threeMealCount").GetInt32());
        Assert.Equal([1.0, 2, 3, 1, 2, 3], claims.GetProperty("firstOfThreeMeals").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task A_pending_delivery_on_shared_timers_allocates_less_than_with_its_own_Task_Delay()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double delay = claims.GetProperty("delayBytes").GetDouble(), shared = claims.GetProperty("sharedBytes").GetDouble();
        Assert.True(shared < delay - 50, $"shared timers {shared:F0} B per delivery, Task.Delay {delay:F0} B: a timer's worth should be saved");
        Assert.InRange(shared, 50, 400);
    }

    [Fact]
    public async Task The_pieces_of_a_pending_delivery_are_weighed_in_the_run_and_add_up()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        JsonElement pending = claims.GetProperty("pending");
        double Piece(string name) => pending.GetProperty(name).GetDouble();

        Assert.InRange(Piece("Box"), 80, 250);                                           // one object: the Task<double> is the box
        Assert.InRange(Piece("QuietDelivery") - (Piece("Box") + Piece("Delay")), -1, 1); // a quiet delivery is its box and its Task.Delay
        Assert.InRange(Piece("WhenAllPending"), 8, 8.1);
        Assert.InRange(Piece("WhenAllResult"), 8, 8.1);
        Assert.True(Piece("GatheredWithSharedTimers") < Piece("GatheredWithDelay") - 100, pending.ToString());
        // Written in a cell (compiled unoptimized), the state machine is an object of its own beside the box.
        Assert.True(claims.GetProperty("cellBox").GetDouble() > Piece("Box"), $"cell {claims.GetProperty("cellBox")} B, lib {Piece("Box")} B");
        Assert.InRange(claims.GetProperty("tickMs").GetDouble(), 0.001, 50);
    }

    [Fact]
    public async Task The_recorded_results_come_first_labelled_and_the_overhead_charts_carry_every_series()
    {
        var run = await NotebookRuns.Succeeded(Notebook);
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        string[] charts = [.. run.HtmlOutputs().Select(o => o.Html).Where(h => h.Contains(ChartExport.ChartMarker, StringComparison.Ordinal))];
        Assert.Equal(4, charts.Length); // recorded overhead and memory, then live overhead and bytes
        bool own = claims.GetProperty("recordedOwn").GetBoolean();
        Assert.Contains(own ? "your run" : "recorded", charts[0], StringComparison.Ordinal);
        Assert.Contains("live, this notebook", charts[2], StringComparison.Ordinal);
        Assert.Equal(own, claims.GetProperty("recordedPath").GetString()!.EndsWith(Path.Combine("artifacts", "bench", "scale.json"), StringComparison.Ordinal));
        string printed = run.PrintedText();
        Assert.Contains(claims.GetProperty("recordedSource").GetString()!, printed, StringComparison.Ordinal);
        Assert.Contains(own ? "your own run of the benchmark, " : "recorded on ", printed, StringComparison.Ordinal);
        foreach (string runtime in new[] { "Python asyncio.gather", "C# WhenAll + Task.Delay each", "C# WhenAll + SharedTimers" })
        {
            Assert.Contains(runtime, charts[0], StringComparison.Ordinal);
        }

        string[] live = [.. claims.GetProperty("liveSeries").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(claims.GetProperty("pythonPresent").GetBoolean() ? ["C# Task.Delay each", "C# shared timers", "Python asyncio.gather"] : ["C# Task.Delay each", "C# shared timers"], live);
        Assert.Equal(claims.GetProperty("liveBelowFloor").GetInt32(), claims.GetProperty("liveRaised").GetInt32()); // the clamp says what it did
        Assert.Contains(claims.GetProperty("liveRaised").GetInt32() == 0 ? "no point is raised to the floor" : "below 1e-4 s are drawn at 1e-4 s", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_headline_table_is_the_first_output_after_the_parameters_with_every_N_then_the_chart()
    {
        var run = await NotebookRuns.Succeeded(Notebook);
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        var cells = NotebookFile.Cells(run.Executed!).Select(c => c!).ToArray();
        int parameters = Array.FindIndex(cells, NotebookFile.IsParameters);
        int table = Array.FindIndex(cells, parameters + 1, c => NotebookFile.Outputs(c).Any(o => NotebookFile.PrintedText(o).Length > 0));
        string printed = string.Concat(NotebookFile.Outputs(cells[table]).Select(NotebookFile.PrintedText));
        Assert.StartsWith("The scale benchmark, ", printed, StringComparison.Ordinal);
        foreach (int n in claims.GetProperty("recordedNs").EnumerateArray().Select(e => e.GetInt32()))
        {
            Assert.Contains($"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),10}  ", printed, StringComparison.Ordinal);   // a row per N
        }

        Assert.Contains("Python's overhead is ", printed, StringComparison.Ordinal);
        int firstChart = run.HtmlOutputs().First(o => o.Html.Contains(ChartExport.ChartMarker, StringComparison.Ordinal)).CellNumber - 1;
        Assert.True(firstChart > table && !cells[(table + 1)..firstChart].Any(NotebookFile.IsCode),
            $"the overhead chart (cell {firstChart}) should be the next code cell after the table (cell {table})");
    }

    [Fact]
    public async Task Sharing_timers_saved_allocations_at_every_live_N()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        foreach (double saved in claims.GetProperty("savedBytesPerDelivery").EnumerateArray().Select(e => e.GetDouble()))
        {
            Assert.True(saved > 50, $"shared timers saved {saved:F0} B per delivery: a Task.Delay's objects should be saved at every N");
        }
    }

    [Fact]
    public void The_lesson_keeps_its_prose_short()
    {
        string path = Path.Combine(NotebookRuns.Root, "notebooks", Notebook + ".ipynb");
        int words = NotebookFile.Cells(NotebookFile.Load(path)).Where(c => !NotebookFile.IsCode(c!))
            .Sum(c => FencedCode().Replace(NotebookFile.Source(c!), "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.InRange(words, 1, 760);   // results first, and only what a learner needs to read each chart
    }

    [System.Text.RegularExpressions.GeneratedRegex("```.*?```", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FencedCode();

    [Fact]
    public async Task Bad_parameters_stop_the_parameters_cell_naming_the_value()
    {
        JsonElement size = await NotebookRuns.Rerun(Notebook, "size-zero");
        JsonElement scale = await NotebookRuns.Rerun(Notebook, "scale-zero");

        Assert.Equal("liveSizes[1] is 0: each must be a whole number from 1 to 100,000.", size.GetProperty("refused").GetString());
        Assert.StartsWith("secondsPerHour is 0: the clock scale must be from ", scale.GetProperty("refused").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lesson_types_no_figure_it_can_measure_and_says_the_Python_original()
    {
        string text = File.ReadAllText(Path.Combine(NotebookRuns.Root, "notebooks", Notebook + ".ipynb"));

        foreach (string typed in new[] { "the seed", "The seed", "about a hundred", "145 B", "145 bytes", "155 B", "4 ms", "1.5 ms", "~320", "~165" })
        {
            Assert.DoesNotContain(typed, text, StringComparison.Ordinal);
        }

        Assert.Contains("the Python original", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("01-sync-vs-async.ipynb#why-the-hours-are-not-exact", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".Verify()", text, StringComparison.Ordinal);
    }
}
