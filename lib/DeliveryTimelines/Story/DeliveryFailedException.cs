namespace DeliveryTimelines;

/// <summary>
/// A delivery that failed partway through the meal (the customer dropped the plate): the exception the lessons on
/// failures gather, collect and cancel around. See <see cref="Courier.DeliverAndDropAsync"/>.
/// </summary>
/// <remarks>
/// A type of its own, rather than a bare <see cref="InvalidOperationException"/>, so a <c>catch</c> can take exactly
/// the delivery's failure and let a bug in the lesson's own code through.
/// </remarks>
public sealed class DeliveryFailedException : Exception
{
    /// <summary>Creates the failure of <paramref name="name"/>'s delivery after <paramref name="after"/> story hours.</summary>
    public DeliveryFailedException(string name, double after)
        : base($"{name} dropped the plate after {StoryHours.Format(after)} h")
    {
        Name = name;
        After = after;
    }

    /// <summary>Creates a failure with only a message (for serializers and tests); <see cref="Name"/> is empty.</summary>
    public DeliveryFailedException()
        : this(string.Empty, 0)
    {
    }

    /// <summary>Creates a failure with a message of its own; <see cref="Name"/> is empty.</summary>
    public DeliveryFailedException(string message)
        : base(message)
    {
        Name = string.Empty;
    }

    /// <summary>Creates a failure with a message and its cause; <see cref="Name"/> is empty.</summary>
    public DeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = string.Empty;
    }

    /// <summary>Whose delivery failed.</summary>
    public string Name { get; }

    /// <summary>How many story hours into the meal it failed.</summary>
    public double After { get; }
}
