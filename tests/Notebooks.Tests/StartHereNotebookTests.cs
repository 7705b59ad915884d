using System.Text.Json;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>00 — the taste of the series: gathered deliveries take about the longest meal, not the sum, results in order.</summary>
[NotebookClaims(Notebook, "new { tasteResults, tasteRatio }")]
public sealed class StartHereNotebookTests
{
    private const string Notebook = "00-start-here";

    [Fact]
    public async Task The_taste_returns_the_results_in_argument_order()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty("tasteResults").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task The_taste_gathers_in_at_most_60_percent_of_the_sum_of_the_meals()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        double ratio = claims.GetProperty("tasteRatio").GetDouble();
        Assert.True(ratio <= 0.6, $"gathered / sum of mealtimes = {ratio:F3}; expected about 3/6 = 0.5 and at most 0.6");
    }

    [Fact]
    public async Task A_bad_mealtime_stops_the_parameters_cell_naming_the_customer_and_the_value()
    {
        CellError error = await ParametersCellRun.FailureWith(Notebook, "(\"B\", 2)", "(\"B\", -2)");

        Assert.Contains("B's mealtime is -2 h: a mealtime must be a finite number of story hours, 0 or more.", error.Error, StringComparison.Ordinal);
    }
}
