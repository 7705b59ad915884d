using System.Text.Json;
using Xunit;

namespace Notebooks.Tests;

/// <summary>00 — the taste of the series gathers in about the longest meal, and every notebook it links to exists.</summary>
[NotebookClaims(Notebook, "new { tasteResults, ratio = taste.Elapsed / clock.ToRealTime(deliveries.Sum(d => d.Mealtime)) }")]
public sealed class StartHereNotebookTests
{
    private const string Notebook = "00-start-here";

    [Fact]
    public async Task The_taste_gathers_in_about_the_longest_meal()
    {
        JsonElement claims = await NotebookRuns.Claims(Notebook);

        Assert.Equal([1.0, 2.0, 3.0], claims.GetProperty("tasteResults").EnumerateArray().Select(e => e.GetDouble()));
        double ratio = claims.GetProperty("ratio").GetDouble();
        Assert.True(ratio <= 0.6, $"gathered / sum of mealtimes = {ratio:F2}; expected about 0.5");
    }
}
