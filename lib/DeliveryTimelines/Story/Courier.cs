using System.Globalization;

namespace DeliveryTimelines;

/// <summary>
/// The delivery rider of the series' running example: delivers a meal, waits while the customer eats, collects the
/// dishes, and returns the mealtime. <see cref="DeliverAsync"/> waits without holding a thread (the Python
/// <c>async def delivery</c>); <see cref="Deliver"/> is its blocking twin (the synchronous version from part 1).
/// </summary>
/// <remarks>
/// Every step is printed as it happens, prefixed with the story time, and recorded on <see cref="Timeline"/>,
/// so a cell can show both the log and the chart of the same run.
/// </remarks>
public sealed class Courier
{
    private readonly TextWriter? _log;

    /// <summary>Creates a rider.</summary>
    /// <param name="clock">The story clock to wait on; <see cref="StoryClock.Default"/> (1 hour = 1 s) when null.</param>
    /// <param name="timeline">Where to record the deliveries; a new timeline on <paramref name="clock"/> when null. A
    /// timeline in real time is fine too; one on a story clock must run at this clock's scale and on its time provider.</param>
    /// <param name="log">Where to print the delivery lines; the current <see cref="Console.Out"/> at each line when null
    /// (a notebook redirects it per cell), <see cref="TextWriter.Null"/> for silence.</param>
    /// <exception cref="ArgumentException"><paramref name="timeline"/> is on a story clock of another scale or time
    /// provider: its charts would show these deliveries at the wrong hours.</exception>
    public Courier(StoryClock? clock = null, Timeline? timeline = null, TextWriter? log = null)
    {
        Clock = clock ?? StoryClock.Default;
        timeline?.ThrowIfOnAnotherClock(Clock, nameof(timeline));
        Timeline = timeline ?? new Timeline("deliveries", Clock);
        _log = log;
    }

    /// <summary>The clock the meals are waited out on.</summary>
    public StoryClock Clock { get; }

    /// <summary>The timeline every delivery is recorded on.</summary>
    public Timeline Timeline { get; }

    /// <summary>
    /// Delivers to <paramref name="name"/>, waits <paramref name="mealtime"/> story hours without blocking a thread,
    /// collects the dishes and returns <paramref name="mealtime"/>.
    /// </summary>
    /// <remarks>
    /// Like every .NET async method, this starts running as soon as it is called ("hot"): "Delivered to …" prints
    /// before the caller awaits anything. Arguments are checked before that, and bad ones throw at the call.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mealtime"/> is negative, NaN, infinite, or too long for the clock.</exception>
    /// <exception cref="OperationCanceledException">(in the task) <paramref name="cancellationToken"/> was cancelled during the meal.</exception>
    public Task<double> DeliverAsync(string name, double mealtime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Clock.ThrowIfOutOfRange(mealtime);
        return DeliverCoreAsync(name, mealtime, cancellationToken);
    }

    private async Task<double> DeliverCoreAsync(string name, double mealtime, CancellationToken cancellationToken)
    {
        Timeline.OpenSpan meal = Arrive(name);
        await EatAsync(name, mealtime, meal, cancellationToken).ConfigureAwait(true);
        Leave(name, mealtime, meal);
        return mealtime;
    }

    private async Task EatAsync(string name, double hours, Timeline.OpenSpan meal, CancellationToken cancellationToken)
    {
        try
        {
            // Continue on the caller's context, as the learner's own async code would: inside a SingleThreadLoop (an
            // event loop like asyncio's) the whole delivery stays on the loop's one thread.
            await Clock.WaitAsync(hours, cancellationToken).ConfigureAwait(true);
        }
        catch (OperationCanceledException)
        {
            meal.End();
            Timeline.Mark(name, Phase.Cancelled);
            Say($"{name}'s delivery was cancelled after {Hours(Clock.ToHours(Timeline.Now - meal.Start))} h");
            throw;
        }
    }

    /// <summary>
    /// A delivery that goes wrong: delivers to <paramref name="name"/>, and after <paramref name="dropsAfter"/> story
    /// hours of the meal the customer drops the plate and the delivery fails with a <see cref="DeliveryFailedException"/>.
    /// </summary>
    /// <remarks>
    /// The lessons on failures need one delivery that throws partway through while the others go on. Its type is
    /// <c>Task&lt;double&gt;</c>, like <see cref="DeliverAsync"/>'s, so both can be gathered in one array. The failure is
    /// recorded too: the eating span up to the drop and a <see cref="Phase.Failed"/> mark.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dropsAfter"/> is negative, NaN, infinite, or too long for the clock.</exception>
    /// <exception cref="DeliveryFailedException">(in the task) always, after <paramref name="dropsAfter"/> hours.</exception>
    /// <exception cref="OperationCanceledException">(in the task) <paramref name="cancellationToken"/> was cancelled before the drop.</exception>
    public Task<double> DeliverAndDropAsync(string name, double dropsAfter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Clock.ThrowIfOutOfRange(dropsAfter);
        return DropCoreAsync(name, dropsAfter, cancellationToken);
    }

    private async Task<double> DropCoreAsync(string name, double dropsAfter, CancellationToken cancellationToken)
    {
        Timeline.OpenSpan meal = Arrive(name);
        await EatAsync(name, dropsAfter, meal, cancellationToken).ConfigureAwait(true);
        meal.End();
        Timeline.Mark(name, Phase.Failed);
        Say($"{name} dropped the plate after {dropsAfter.ToString(CultureInfo.InvariantCulture)} h: the delivery failed");
        throw new DeliveryFailedException(name, dropsAfter);
    }

    /// <summary>
    /// The blocking twin of <see cref="DeliverAsync"/>: the calling thread sleeps through the meal and can do nothing else.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mealtime"/> is negative, NaN, infinite, or too long for the clock.</exception>
    public double Deliver(string name, double mealtime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Clock.ThrowIfOutOfRange(mealtime);
        Timeline.OpenSpan meal = Arrive(name);
        Clock.Block(mealtime);
        Leave(name, mealtime, meal);
        return mealtime;
    }

    // The meal is begun on the timeline, not only recorded when it ends, so a chart drawn meanwhile shows it growing.
    private Timeline.OpenSpan Arrive(string name)
    {
        Timeline.Mark(name, Phase.Delivering);
        Say($"Delivered to {name}!");
        return Timeline.Begin(name, Phase.Eating);
    }

    private void Leave(string name, double mealtime, Timeline.OpenSpan meal)
    {
        meal.End();
        Say($"{name} finished eating, took {mealtime.ToString(CultureInfo.InvariantCulture)} h");
        Timeline.Mark(name, Phase.Collecting);
        Say($"{name}'s dishes collected");
    }

    private void Say(string line)
    {
        string stamped = $"[t={Hours(Clock.ToHours(Timeline.Now)),5} h] {line}";
        (_log ?? Console.Out).WriteLine(stamped);
    }

    private static string Hours(double hours) => hours.ToString("0.00", CultureInfo.InvariantCulture);
}
