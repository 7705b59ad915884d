namespace DeliveryTimelines;

/// <summary>
/// A second job for the rider's thread: a heartbeat that wants to run every few story hours and records, on a
/// timeline, each beat and how overdue it was. Started on one thread beside the deliveries, it shows what blocking
/// costs: a thread held by <c>Thread.Sleep</c> lets no beat through until it is free again, while a thread that awaits
/// runs every beat about on time.
/// </summary>
/// <remarks>
/// <para>
/// Each beat waits on the story clock (a timer, so the wait itself holds no thread) and then needs the thread it was
/// started on to run: the wait resumes on the caller's context, as the learner's own async code would. Inside a
/// <see cref="SingleThreadLoop"/> that context is the loop's one thread, so a beat is overdue for exactly as long as
/// the loop's thread is busy elsewhere. Started outside any such context (a plain console program, a notebook cell),
/// beats resume on thread-pool threads and are never held back by the caller.
/// </para>
/// <para>
/// Recording: for every beat, a <see cref="Phase.Heartbeat"/> instant when it ran and, when it ran after it was due, a
/// <see cref="Phase.BeatOverdue"/> span from when it was due to when it ran (a timer's own lateness makes thin ones,
/// a blocked thread long ones), both under <see cref="Name"/>. Each wait starts when the previous beat ran, so at most
/// (round hours / <see cref="EveryHours"/>) beats fit in a round, and fewer, since every timer ends a little late.
/// </para>
/// <para>
/// Cost: one pending timer and one small state machine while running. <see cref="StopAsync"/> cancels the pending wait
/// and waits for the loop to end; a beat whose timer had already fired before the stop still runs (and is counted)
/// when the thread gets to it. An exception other than the stop's cancellation ends the heartbeat and is rethrown by
/// <see cref="StopAsync"/>.
/// </para>
/// </remarks>
/// <example>
/// Notebook 01, inside <c>SingleThreadLoop.RunAsync</c>:
/// <code>
/// var heartbeat = Heartbeat.Start(clock, heartbeatHours, timeline);   // wants this thread every heartbeatHours
/// var courier = new Courier(clock, timeline, log: TextWriter.Null);
/// foreach (var (name, mealtime) in deliveries)
/// {
///     if (blocking) courier.Deliver(name, mealtime);          // holds the thread for the whole meal
///     else await courier.DeliverAsync(name, mealtime);       // lets go of it while the customer eats
/// }
/// return await heartbeat.StopAsync();                          // the number of beats that got through
/// </code>
/// </example>
public sealed class Heartbeat : IAsyncDisposable
{
    private readonly StoryClock _clock;
    private readonly Timeline _timeline;
    private readonly CancellationTokenSource _stop = new();
    private Task _beating = Task.CompletedTask;
    private int _beats;
    private int _stopped;

    private Heartbeat(StoryClock clock, double everyHours, Timeline timeline, string name)
    {
        _clock = clock;
        _timeline = timeline;
        EveryHours = everyHours;
        Name = name;
    }

    /// <summary>The row the beats are recorded under.</summary>
    public string Name { get; }

    /// <summary>How often the heartbeat wants to run, in story hours.</summary>
    public double EveryHours { get; }

    /// <summary>How many beats have run so far.</summary>
    public int Beats => Volatile.Read(ref _beats);

    /// <summary>
    /// Starts beating on the calling thread's context: its first wait begins before this returns. Call it on the thread
    /// whose business it should compete for, such as inside <see cref="SingleThreadLoop.RunAsync{T}"/>.
    /// </summary>
    /// <param name="clock">The story clock to wait on.</param>
    /// <param name="everyHours">Story hours between beats: a finite number greater than 0 that the clock can wait.</param>
    /// <param name="timeline">Where to record the beats; in real time or on a clock of the same scale as <paramref name="clock"/>.</param>
    /// <param name="name">The row the beats are recorded under.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="timeline"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyHours"/> is not a finite number greater than 0, or is too long for the clock.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, or <paramref name="timeline"/> is on another story clock.</exception>
    public static Heartbeat Start(StoryClock clock, double everyHours, Timeline timeline, string name = Phase.Heartbeat)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        clock.ThrowIfOutOfRange(everyHours);
        if (everyHours == 0)
        {
            // A wait of 0 completes at once: the loop would beat forever without ever letting go of the thread.
            throw new ArgumentOutOfRangeException(nameof(everyHours), everyHours, "everyHours must be greater than 0: a heartbeat with no wait between beats never lets go of its thread.");
        }

        timeline.ThrowIfOnAnotherClock(clock, nameof(timeline));
        var heartbeat = new Heartbeat(clock, everyHours, timeline, name);
        heartbeat._beating = heartbeat.BeatAsync(heartbeat._stop.Token);
        return heartbeat;
    }

    /// <summary>
    /// Stops the heartbeat: cancels its pending wait, lets a beat already due run, and returns how many beats ran. Calling
    /// it again returns the same count.
    /// </summary>
    /// <exception cref="Exception">Whatever ended the heartbeat other than this stop (a bug, not a wrong answer).</exception>
    public async Task<int> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _beating.ConfigureAwait(false);
        return Beats;
    }

    /// <summary>Stops the heartbeat (see <see cref="StopAsync"/>) and releases its cancellation source.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _stop.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: every {EveryHours} story hours, {Beats} beat(s)";

    private async Task BeatAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                TimeSpan due = _timeline.Now + _clock.ToRealTime(EveryHours);
                // The timer fires on time, but what follows needs the thread this heartbeat started on: continue there.
                await _clock.WaitAsync(EveryHours, stop).ConfigureAwait(true);
                Interlocked.Increment(ref _beats);
                TimeSpan ran = _timeline.Now;
                if (ran > due)
                {
                    _timeline.Record(Name, Phase.BeatOverdue, due, ran);
                }

                _timeline.Mark(Name, Phase.Heartbeat);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped: the round is over
        }
    }
}
