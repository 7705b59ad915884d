using System.Globalization;
using System.Text.Json;

namespace DeliveryTimelines;

/// <summary>
/// One gather measured by the Python scale benchmark: the JSON line <c>python3 bench/python/scale.py gather N
/// [--seconds S]</c> prints, such as <c>{"runtime": "python", "n": 1000, "wall": 1.02, "cpu": 0.03, "peakRssBytes": 21000000}</c>.
/// Lesson 08, the benchmark and the README's picture read it here, so the line has one reader and one set of checks.
/// </summary>
/// <param name="N">Deliveries gathered; 0 for the baseline process, which gathers nothing.</param>
/// <param name="WallSeconds">From the gather's start to its last result, in seconds.</param>
/// <param name="CpuSeconds">CPU time the process spent meanwhile, in seconds.</param>
/// <param name="PeakRssBytes">The process's peak resident memory (VmHWM on Linux), in bytes.</param>
public sealed record PythonScaleResult(int N, double WallSeconds, double CpuSeconds, long PeakRssBytes)
{
    /// <summary>Reads one line the Python benchmark printed for a gather.</summary>
    /// <remarks>Fields the line has beyond these (such as <c>runtime</c>) are ignored.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="jsonLine"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The line is not a JSON object, or lacks one of <c>n</c>, <c>wall</c>, <c>cpu</c>, <c>peakRssBytes</c>, or one of
    /// them is out of range (a negative count or time, a peak of no bytes). The message names the field and quotes the line.
    /// </exception>
    public static PythonScaleResult Parse(string jsonLine)
    {
        ArgumentNullException.ThrowIfNull(jsonLine);
        string line = jsonLine.Trim();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw Refuse(line, $"it is not JSON ({e.Message})", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refuse(line, "it is not a JSON object");
            }

            int n = Field(root, line, "n", (JsonElement e, out int v) => e.TryGetInt32(out v) && v >= 0, "a whole number, 0 or more");
            double wall = Field(root, line, "wall", (JsonElement e, out double v) => e.TryGetDouble(out v) && double.IsFinite(v) && v >= 0, "seconds, 0 or more");
            double cpu = Field(root, line, "cpu", (JsonElement e, out double v) => e.TryGetDouble(out v) && double.IsFinite(v) && v >= 0, "seconds, 0 or more");
            long peak = Field(root, line, "peakRssBytes", (JsonElement e, out long v) => e.TryGetInt64(out v) && v > 0, "a whole number of bytes above 0");
            return new PythonScaleResult(n, wall, cpu, peak);
        }
    }

    private delegate bool Reader<T>(JsonElement element, out T value);

    private static T Field<T>(JsonElement root, string line, string name, Reader<T> read, string allowed)
    {
        if (!root.TryGetProperty(name, out JsonElement element))
        {
            throw Refuse(line, $"it has no \"{name}\" field");
        }

        return element.ValueKind == JsonValueKind.Number && read(element, out T value)
            ? value
            : throw Refuse(line, $"its \"{name}\" must be {allowed}; got {Shorten(element.GetRawText(), 40)}");
    }

    private static FormatException Refuse(string line, string reason, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Not a result line of bench/python/scale.py gather: {reason}. The line: '{Shorten(line, 200)}'"), inner);

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
