using System.Globalization;

namespace DeliveryTimelines;

/// <summary>The customers of the story: A, B and C in the Python original, and as many more as a lesson needs.</summary>
public static class Customers
{
    /// <summary>The name of customer number <paramref name="index"/> (from 0): A, B, … Z, then A2, B2, … Z2, A3, ….</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static string Name(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        string letter = ((char)('A' + index % 26)).ToString();
        return index < 26 ? letter : letter + (index / 26 + 1).ToString(CultureInfo.InvariantCulture);
    }
}
