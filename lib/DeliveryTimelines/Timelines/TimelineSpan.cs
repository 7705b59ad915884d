namespace DeliveryTimelines;

/// <summary>One recorded piece of work: who, doing what, from when to when, and on which thread.</summary>
/// <param name="Name">Whose work it was: a delivery name such as "A", or a cook such as "dish 3".</param>
/// <param name="Phase">What was being done; see <see cref="DeliveryTimelines.Phase"/> for the course's names.</param>
/// <param name="Start">When it began, measured from the timeline's start.</param>
/// <param name="End">When it ended, measured from the timeline's start. Equal to <paramref name="Start"/> for an instant.</param>
/// <param name="ThreadId">The managed thread the work began on.</param>
public readonly record struct TimelineSpan(string Name, string Phase, TimeSpan Start, TimeSpan End, int ThreadId)
{
    /// <summary>How long the work took; zero for an instant event.</summary>
    public TimeSpan Duration => End - Start;
}
