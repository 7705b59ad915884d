namespace DeliveryTimelines;

/// <summary>The phases a delivery goes through, as <see cref="TimelineSpan.Phase"/> names.</summary>
public static class Phase
{
    /// <summary>The food reaches the customer (an instant in the story).</summary>
    public const string Delivering = "delivering";

    /// <summary>The customer eats: the long wait that concurrency overlaps.</summary>
    public const string Eating = "eating";

    /// <summary>The rider collects the dishes (an instant in the story).</summary>
    public const string Collecting = "collecting";

    /// <summary>A delivery that was cancelled before its meal ended (an instant, at the moment it stopped).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>A delivery that failed (an instant, at the moment it threw).</summary>
    public const string Failed = "failed";

    /// <summary>CPU-bound work: the kitchen cooking, which only more cores make faster.</summary>
    public const string Cooking = "cooking";

    /// <summary>A <see cref="DeliveryTimelines.Heartbeat"/> beat (an instant, when the beat ran).</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>How late a heartbeat ran: from when it was due to when its thread let it run.</summary>
    public const string BeatOverdue = "beat overdue";
}
