using System.Text.Json;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// 00 — one delivery in plain .NET (Task.Delay, a Stopwatch, a list of spans), the same with the course's helpers, and
/// the taste: the deliveries one after another take the sum of the meals, results in order.
/// </summary>
[NotebookClaims(Notebook,
    "new { tasteResults, tasteRatio, firstMeal, secondsPerHour, plainResult, wrappedResult, " +
    "plainSpans = spans.Select(s => new { s.Name, seconds = (s.End - s.Start).TotalSeconds }), wrappedPhases = one.Snapshot().Select(s => s.Phase) }")]
public sealed class StartHereNotebookTests
{
    private const string Notebook = "00-start-here";

    [Fact]
    public async Task The_plain_delivery_records_one_span_about_its_mealtime_long()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);
        double firstMeal = claims.GetProperty("firstMeal").GetDouble(), secondsPerHour = claims.GetProperty("secondsPerHour").GetDouble();

        JsonElement span = Assert.Single(claims.GetProperty("plainSpans").EnumerateArray());
        Assert.Equal("A", span.GetProperty("Name").GetString());
        // Task.Delay can end a tick early and a busy machine wakes it late: about the meal, never exactly.
        Assert.InRange(span.GetProperty("seconds").GetDouble() / (firstMeal * secondsPerHour), 0.9, 1.5); // the first run also compiles
        Assert.Equal(firstMeal, claims.GetProperty("plainResult").GetDouble());
    }

    [Fact]
    public async Task The_same_delivery_with_the_helpers_records_its_steps()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal(claims.GetProperty("firstMeal").GetDouble(), claims.GetProperty("wrappedResult").GetDouble());
        string[] phases = [.. claims.GetProperty("wrappedPhases").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Contains("eating", phases);
        Assert.True(phases.Length >= 2, string.Join(", ", phases));
    }

    [Fact]
    public async Task The_taste_returns_the_results_in_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty("tasteResults").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task The_taste_one_delivery_after_another_takes_the_sum_of_the_meals()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("tasteRatio").GetDouble();
        Assert.InRange(ratio, 0.95, 1.3); // about 6/6: each meal waited out before the next delivery started
    }

    [Fact]
    public async Task A_bad_mealtime_stops_the_parameters_cell_naming_the_customer_and_the_value()
    {
        CellError error = await ParametersCellRun.FailureWith(Notebook, "(\"B\", 2)", "(\"B\", -2)");

        Assert.Contains("B's mealtime is -2 h: a mealtime must be a finite number of story hours, 0 or more.", error.Error, StringComparison.Ordinal);
    }
}
