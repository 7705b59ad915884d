using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>PythonScript runs the Python originals and reads their one JSON line; PythonRun reads that line.</summary>
public sealed class PythonScriptTests
{
    private const string Gathered = """
        [t= 0.00 h] Delivered to A!
        [t= 1.00 h] A finished eating, took 1 h
        {"schema": 1, "script": "x.py", "python": "3.11.7", "scale": 0.5, "mealtimes": [1.0, 2.0], "events": [{"section": "one", "t": 0.0, "who": "A", "what": "delivering", "text": "Delivered to A!"}, {"section": "one", "t": 0.25, "who": "B", "what": "delivering", "text": "Delivered to B!"}, {"section": "one", "t": 1.0, "who": "A", "what": "finished", "text": "A finished eating, took 1 h"}, {"section": "one", "t": 1.0, "who": "A", "what": "collecting", "text": "A's dishes collected"}, {"section": "one", "t": 1.5, "who": "B", "what": "failed", "text": "B dropped the plate"}, {"section": "one", "t": 1.5, "who": "caller", "what": "caught", "text": "caught it"}, {"section": "two", "t": 0.5, "who": null, "what": null, "text": "a remark"}], "results": {"raised_at": 1.5, "wait": {"pending": ["C"]}}, "skipped": null}
        """;

    [Fact]
    public void Parse_reads_the_events_results_and_the_lines_for_people()
    {
        PythonRun run = PythonRun.Parse(Gathered, "", "python3 x.py");

        Assert.True(run.Ran);
        Assert.Equal("x.py", run.Script);
        Assert.Equal("3.11.7", run.PythonVersion);
        Assert.Equal(0.5, run.SecondsPerHour);
        Assert.Equal([1.0, 2.0], run.Mealtimes);
        Assert.Equal(7, run.Events.Count);
        Assert.Equal(new PythonEvent("one", 1.5, "B", "failed", "B dropped the plate"), run.Events[4]);
        Assert.Equal(1.5, run.Result("raised_at").GetDouble());
        Assert.Equal("C", run.Result("wait", "pending")[0].GetString());
        Assert.Equal("[t= 0.00 h] Delivered to A!\n[t= 1.00 h] A finished eating, took 1 h", run.Output);
        Assert.Equal(run.Output, run.ToString());
    }

    [Fact]
    public void When_finds_an_event_and_names_the_ones_there_are_when_it_is_missing()
    {
        PythonRun run = PythonRun.Parse(Gathered, "", "python3 x.py");

        Assert.Equal(1.5, run.When("caller", "caught"));
        Assert.Equal(1.5, run.When("caller", "caught", section: "one"));
        var missing = Assert.Throws<InvalidOperationException>(() => run.When("C", "cancelled"));
        Assert.Contains("no event 'C cancelled'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("one: caller caught", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => run.When("caller", "caught", section: "two"));
    }

    [Fact]
    public void Result_names_the_results_there_are_when_one_is_missing()
    {
        PythonRun run = PythonRun.Parse(Gathered, "", "python3 x.py");

        var missing = Assert.Throws<InvalidOperationException>(() => run.Result("wait", "done"));

        Assert.Contains("no result 'wait.done'; there are: pending", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_run_says_why_and_has_nothing_to_read()
    {
        const string skipped = """
            skipped: asyncio.eager_task_factory needs Python 3.12 or later; this is Python 3.11.7
            {"schema": 1, "script": "eager_tasks.py", "python": "3.11.7", "scale": 1.0, "mealtimes": [1.0], "events": [], "results": {}, "skipped": "asyncio.eager_task_factory needs Python 3.12 or later; this is Python 3.11.7"}
            """;

        PythonRun run = PythonRun.Parse(skipped, "", "python3 eager_tasks.py");

        Assert.False(run.Ran);
        Assert.Equal("eager_tasks.py was not run: asyncio.eager_task_factory needs Python 3.12 or later; this is Python 3.11.7", run.ToString());
        var error = Assert.Throws<InvalidOperationException>(() => run.When("caller", "done"));
        Assert.Contains("needs Python 3.12", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[t= 0.00 h] hello\n")]
    [InlineData("{\"schema\": 2, \"script\": \"x.py\"}")]
    [InlineData("{\"schema\": 1, \"script\": \"x.py\"}")]
    [InlineData("{not json")]
    public void Output_without_a_readable_JSON_line_fails_naming_the_command(string output)
    {
        var error = Assert.Throws<PythonScriptException>(() => PythonRun.Parse(output, "some error", "python3 x.py --scale 1"));

        Assert.StartsWith("python3 x.py --scale 1 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTimeline_draws_each_meal_as_a_bar_and_each_event_of_someone_as_a_mark()
    {
        PythonRun run = PythonRun.Parse(Gathered, "", "python3 x.py");

        TimelineSpan[] spans = [.. run.ToTimeline("one").Snapshot()];

        TimelineSpan aEats = Assert.Single(spans, s => s.Name == "A" && s.Phase == Phase.Eating);
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(0.5)), (aEats.Start, aEats.End));     // 1 h at 0.5 s per hour
        TimelineSpan bEats = Assert.Single(spans, s => s.Name == "B" && s.Phase == Phase.Eating);
        Assert.Equal((TimeSpan.FromSeconds(0.125), TimeSpan.FromSeconds(0.75)), (bEats.Start, bEats.End));
        Assert.Contains(spans, s => s is { Name: "B", Phase: Phase.Failed, Duration.Ticks: 0 });
        Assert.Contains(spans, s => s is { Name: "caller", Phase: "caught" });
        Assert.DoesNotContain(spans, s => s.Phase == "finished");
        Assert.Empty(run.ToTimeline("two").Snapshot());                                                 // narration only
        var unnamed = Assert.Throws<ArgumentException>(() => run.ToTimeline());
        Assert.Contains("name one: one, two", unnamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTimeline_is_on_a_story_clock_of_the_scripts_scale_so_it_charts_in_story_hours_beside_CSharp()
    {
        PythonRun run = PythonRun.Parse(Gathered, "", "python3 x.py");
        var csharp = new Timeline("C#", new StoryClock(run.SecondsPerHour));
        csharp.Record("A", Phase.Eating, TimeSpan.Zero, TimeSpan.FromSeconds(0.5));

        Timeline python = run.ToTimeline("one");

        Assert.Equal(run.SecondsPerHour, python.Clock?.SecondsPerHour);
        Assert.True(ChartTime.For([csharp.Clock, python.Clock], TimeSpan.FromSeconds(1)).InStoryHours);
        Assert.Null(PythonRun.NotRun("x.py", "python3 was not found").ToTimeline().Clock); // no scale to speak of
    }

    [Fact]
    public async Task Without_python3_a_run_is_skipped_with_a_sentence_not_an_exception()
    {
        PythonRun run = await PythonScript.RunAsync(null, "hello.py", [], PythonScript.DefaultTimeout, CancellationToken.None);

        Assert.False(run.Ran);
        Assert.Null(run.PythonVersion);
        Assert.Contains("python3 was not found on the PATH", run.Skipped, StringComparison.Ordinal);
        Assert.Empty(run.ToTimeline().Snapshot());
    }

    [Fact]
    public async Task A_python3_that_cannot_start_is_a_skip_too()
    {
        PythonRun run = await PythonScript.RunAsync("/nonexistent/python3", "hello.py", [], PythonScript.DefaultTimeout, CancellationToken.None);

        Assert.Contains("could not be started", run.Skipped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no_such_script.py", typeof(FileNotFoundException), "there are: ")]
    [InlineData("../deliveries.py", typeof(ArgumentException), "a file name in samples/python")]
    [InlineData("hello", typeof(ArgumentException), "a file name in samples/python")]
    public async Task A_script_that_is_not_there_is_refused_before_python_is_looked_for(string script, Type error, string says)
    {
        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => PythonScript.RunAsync(null, script, [], PythonScript.DefaultTimeout, CancellationToken.None));

        Assert.IsType(error, thrown);
        Assert.Contains(says, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_argument_is_refused_naming_its_position()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PythonScript.RunAsync("hello.py", "--scale", null!));

        Assert.Contains("Argument 1", error.Message, StringComparison.Ordinal);
    }

    [PythonScriptFact]
    public async Task A_script_runs_and_reports_its_events_in_story_hours()
    {
        PythonRun run = await PythonScript.RunAsync("hello.py", "--scale", 0.02);

        Assert.True(run.Ran, run.ToString());
        Assert.StartsWith("3.", run.PythonVersion, StringComparison.Ordinal);
        Assert.Equal(0.02, run.SecondsPerHour);
        Assert.Equal("coroutine", run.Result("coroutine").GetString());
        double waited = run.When("main", "world") - run.When("main", "hello");
        Assert.InRange(waited, 1.0, 10.0);                                      // asyncio.sleep(1 h) never ends early
        Assert.Contains("] world", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("{", run.Output, StringComparison.Ordinal);        // the JSON line is not output for people
    }

    [PythonScriptFact]
    public async Task Numbers_reach_the_script_the_invariant_way_whatever_the_culture()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");       // where 1.5 prints as "1,5"
        try
        {
            double[] mealtimes = [1.5, 0.25];
            PythonRun run = await PythonScript.RunAsync("hello.py", "--scale", 0.025, "--mealtimes", mealtimes);

            Assert.Equal(0.025, run.SecondsPerHour);
            Assert.Equal([1.5, 0.25], run.Mealtimes);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [PythonScriptFact]
    public async Task A_bad_argument_fails_naming_the_script_and_quoting_its_error()
    {
        var error = await Assert.ThrowsAsync<PythonScriptException>(() => PythonScript.RunAsync("hello.py", "--scale", "fast"));

        Assert.Equal(2, error.ExitCode);
        Assert.StartsWith("python3 hello.py --scale fast failed with exit code 2: hello.py: error: argument --scale: must be", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error.StandardError, StringComparison.Ordinal);
    }

    [PythonScriptFact]
    public async Task A_script_that_runs_too_long_is_stopped_and_named()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            PythonScript.RunAsync("hello.py", ["--scale", 60], TimeSpan.FromMilliseconds(300)));

        Assert.Equal("python3 hello.py --scale 60 ran longer than 0.3 s and was stopped.", error.Message);
    }

    [PythonScriptFact]
    public async Task Cancelling_stops_the_script()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PythonScript.RunAsync("hello.py", ["--scale", 60], PythonScript.DefaultTimeout, cancel.Token));
    }

    [Fact]
    public void The_scripts_folder_is_the_repository_s_samples_python()
    {
        Assert.True(File.Exists(Path.Combine(PythonScript.ScriptsFolder, "deliveries.py")));
        Assert.Equal("python", Path.GetFileName(PythonScript.ScriptsFolder));
    }
}

/// <summary>
/// A test that runs python3: skipped, with the reason shown, where there is none; on CI (<c>CI=true</c>) python3 must be
/// there, so the test runs and fails instead of hiding behind a skip.
/// </summary>
internal sealed class PythonScriptFactAttribute : FactAttribute
{
    public PythonScriptFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (PythonScript.Python3 is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "python3 is not on the PATH: the Python originals cannot run on this machine.";
        }
    }
}
