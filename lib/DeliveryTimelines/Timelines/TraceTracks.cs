namespace DeliveryTimelines;

/// <summary>How <see cref="ChromeTrace"/> lays a timeline's spans out in tracks (the rows a trace viewer draws).</summary>
public enum TraceTracks
{
    /// <summary>One track per delivery (per <see cref="TimelineSpan.Name"/>): A, B and C each on their own row, as in the charts.</summary>
    PerDelivery,

    /// <summary>
    /// One track per thread a span began on (<see cref="TimelineSpan.ThreadId"/>): where the work ran, which shows a
    /// kitchen's cooks on their cores, or every delivery of an event loop on its one thread.
    /// </summary>
    PerThread,
}
