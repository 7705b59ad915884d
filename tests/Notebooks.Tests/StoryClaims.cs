using System.Text.Json;
using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>Reading a lesson's claims (<see cref="NotebookRuns.Claims"/>): arrays, the Python side, and story hours measured in the run.</summary>
internal static class StoryClaims
{
    /// <summary>The Python side's claims; present whenever python3 is (the fact is skipped without it).</summary>
    public static JsonElement Python(JsonElement claims)
    {
        JsonElement python = claims.GetProperty("python");
        Assert.True(python.ValueKind == JsonValueKind.Object, "python3 is on the PATH, yet the notebook's Python originals did not run");
        return python;
    }

    /// <summary>A story hour measured in the run: never more than a timer tick early, and at most a quarter of an hour late.</summary>
    public static void AssertAbout(double expectedHours, double hours, string what) =>
        Assert.True(hours >= expectedHours - 0.05 && hours <= expectedHours + 0.25,
            $"{what} at {hours:F3} h; expected about {expectedHours} h (at {NotebookRuns.SecondsPerHour} s per hour, 0.05 h is {0.05 * NotebookRuns.SecondsPerHour * 1000:F0} ms)");

    /// <summary>
    /// The lesson's "how close to the hours" figures (<c>lateMs</c>, this machine's): sane, not exact (a timer may end a
    /// tick early; the first run carries the JIT), at most a quarter of a story hour late.
    /// </summary>
    public static void AssertRoundsEndedNearTheirIdealHours(JsonElement claims) =>
        Assert.All(Doubles(claims, "lateMs"), ms => Assert.InRange(ms, -10, 0.25 * NotebookRuns.SecondsPerHour * 1000));

    /// <summary>The notebook's parameters cell, with <paramref name="replace"/> changed to <paramref name="with"/>, stops with <paramref name="message"/>.</summary>
    public static async Task AssertParametersCellRefuses(string notebook, string replace, string with, string message)
    {
        CellError error = await ParametersCellRun.FailureWith(notebook, replace, with);

        Assert.Contains(message, error.Error, StringComparison.Ordinal);
    }

    public static string[] Strings(JsonElement claims, string name) =>
        [.. claims.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    public static double[] Doubles(JsonElement claims, string name) =>
        [.. claims.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
