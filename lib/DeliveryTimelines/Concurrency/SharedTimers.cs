namespace DeliveryTimelines;

/// <summary>
/// Waits that share timers: every wait whose deadline falls in the same <see cref="Resolution"/>-wide tick awaits one
/// shared pending task, completed by one timer. A million deliveries with three mealtimes, started together, need
/// three timers instead of a million.
/// </summary>
/// <remarks>
/// <para>
/// Why: <c>Task.Delay</c> gives every wait its own timer (a timer object, its queue entry and a promise: a few hundred
/// bytes) and its own firing. Awaiting a task that is already pending costs nothing beyond the awaiting async method's
/// own state machine, which is then the whole price of a pending delivery; and one firing resumes all the waiters of
/// its tick in one go.
/// </para>
/// <para>
/// Deadlines are rounded <em>up</em> to the next multiple of <see cref="Resolution"/> on this instance's own time line,
/// and a tick whose timer fires before its time (the OS timer may wake a little early) is re-armed for the rest, so a
/// wait never ends before its delay has passed (like <c>asyncio.sleep</c>, unlike <c>Task.Delay</c> on Linux) and ends
/// at most one resolution plus the OS timer's own lateness after it. The default resolution, 1 ms, adds at most 1 ms
/// and still folds a million waits, started over most of a second, into under a thousand timers; coarser ticks (4 ms,
/// 16 ms: about 200 and 60 timers) measured no faster at a million on 2 cores, so the finer default costs nothing.
/// </para>
/// <para>
/// A tick is forgotten when its timer fires, so nothing accumulates. Cancelling a wait affects only that waiter
/// (<see cref="Task.WaitAsync(CancellationToken)"/> on the shared task); the tick's timer still fires for the others
/// and is then forgotten too. When a tick's timer fires, its waiters are resumed as the continuations of any completed
/// task are: one after another on the timer's thread where that is allowed, otherwise queued to their context.
/// </para>
/// </remarks>
public sealed class SharedTimers
{
    /// <summary>The resolution used when none is given: 1 ms.</summary>
    public static readonly TimeSpan DefaultResolution = TimeSpan.FromMilliseconds(1);

    private readonly Dictionary<long, Tick> _ticks = [];
    private readonly long _origin;
    private volatile Tick? _latest; // the tick most recently created: where a burst of equal delays lands, found without the lock

    /// <summary>Creates a set of shared timers on <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">Where time comes from; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="resolution">The width of one tick: waits whose deadlines fall in one tick share a timer. Between
    /// 1 tick of <see cref="TimeSpan"/> (100 ns) and 1 second; <see cref="DefaultResolution"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is outside 100 ns to 1 s.</exception>
    public SharedTimers(TimeProvider? timeProvider = null, TimeSpan? resolution = null)
    {
        TimeSpan chosen = resolution ?? DefaultResolution;
        if (chosen < TimeSpan.FromTicks(1) || chosen > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), chosen,
                $"The resolution must be between 100 ns and 1 s (waits whose deadlines fall in one such tick share a timer); got {chosen}.");
        }

        TimeProvider = timeProvider ?? TimeProvider.System;
        Resolution = chosen;
        _origin = TimeProvider.GetTimestamp();
    }

    /// <summary>Where time comes from.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The width of one tick.</summary>
    public TimeSpan Resolution { get; }

    /// <summary>How many ticks have a timer pending now: the number of timers this instance holds.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_ticks)
            {
                return _ticks.Count;
            }
        }
    }

    /// <summary>
    /// A task that completes once <paramref name="delay"/> has passed: the shared-timer <c>Task.Delay</c>.
    /// </summary>
    /// <param name="delay">How long to wait: <see cref="TimeSpan.Zero"/> (already complete) up to <see cref="StoryClock.MaxRealDelay"/>.</param>
    /// <param name="cancellationToken">Cancels this wait only; the others sharing its tick go on.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or longer than <see cref="StoryClock.MaxRealDelay"/>.</exception>
    /// <exception cref="OperationCanceledException">(in the task) <paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (delay < TimeSpan.Zero || delay > StoryClock.MaxRealDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay,
                $"A delay must be between 0 and {StoryClock.MaxRealDelay.TotalDays:F1} days; got {delay}.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay == TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        Task shared = TickFor(Now + delay);
        // An uncancellable token (the common case) adds nothing: the waiter awaits the shared task itself.
        return cancellationToken.CanBeCanceled ? shared.WaitAsync(cancellationToken) : shared;
    }

    private TimeSpan Now => TimeProvider.GetElapsedTime(_origin);

    private Task TickFor(TimeSpan deadline)
    {
        long number = (deadline.Ticks + Resolution.Ticks - 1) / Resolution.Ticks; // round up: never end early
        // The latest tick, if it is this deadline's, is shared without the lock. Even if it has just fired, it fired at
        // or after its time, which is at or after this deadline: the wait still does not end early.
        Tick? latest = _latest;
        if (latest is not null && latest.Number == number)
        {
            return latest.Task;
        }

        lock (_ticks)
        {
            if (!_ticks.TryGetValue(number, out Tick? tick))
            {
                tick = new Tick(this, number);
                _ticks.Add(number, tick);
                // The time may have passed the tick already if this thread was held up since reading the clock (a
                // busy machine): then the timer fires at once.
                TimeSpan dueIn = tick.Due - Now;
                tick.Arm(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero);
                _latest = tick;
            }

            return tick.Task;
        }
    }

    private void Fire(Tick tick)
    {
        TimeSpan early = tick.Due - Now;
        lock (_ticks)
        {
            if (early > TimeSpan.Zero)
            {
                tick.Arm(early); // the OS timer woke before the tick's time: wait out the rest
                return;
            }

            _ticks.Remove(tick.Number);
        }

        tick.Disarm();
        tick.SetResult(); // resumes every waiter of this tick, outside the lock
    }

    /// <summary>One tick: the pending task its waiters share, and the timer that completes it.</summary>
    private sealed class Tick(SharedTimers owner, long number) : TaskCompletionSource
    {
        private ITimer? _timer;

        public long Number { get; } = number;

        public TimeSpan Due { get; } = TimeSpan.FromTicks(number * owner.Resolution.Ticks);

        // Called under the owner's lock, so Fire (which takes it first) always sees the timer it was called by.
        public void Arm(TimeSpan dueIn)
        {
            _timer?.Dispose();
            _timer = owner.TimeProvider.CreateTimer(static state => ((Tick)state!).FireOnOwner(), this, dueIn, Timeout.InfiniteTimeSpan);
        }

        public void Disarm() => _timer?.Dispose();

        private void FireOnOwner() => owner.Fire(this);
    }
}
