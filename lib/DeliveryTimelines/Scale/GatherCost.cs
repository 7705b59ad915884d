namespace DeliveryTimelines;

/// <summary>What one gather of quiet deliveries cost (see <see cref="QuietDeliveries.MeasureAsync"/>).</summary>
/// <param name="Deliveries">How many deliveries were gathered.</param>
/// <param name="Wall">From the first call to the last result.</param>
/// <param name="Overhead">The wall time above the ideal, the longest meal: what starting, holding and finishing the
/// deliveries cost. It can be a hair below zero with <c>Task.Delay</c>, which may end early on Linux.</param>
/// <param name="BytesPerDelivery">Bytes allocated during the gather, per delivery.</param>
/// <param name="Timers">Timers pending while the deliveries ate: one per delivery with <c>Task.Delay</c>, one per tick
/// with shared timers.</param>
public readonly record struct GatherCost(int Deliveries, TimeSpan Wall, TimeSpan Overhead, double BytesPerDelivery, int Timers);
