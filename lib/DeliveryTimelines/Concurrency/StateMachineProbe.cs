using System.Reflection;
using System.Runtime.CompilerServices;

namespace DeliveryTimelines;

/// <summary>What a <see cref="StateMachineProbe"/> saw at one moment of an async method's life.</summary>
public enum StateMachineMoment
{
    /// <summary>The method's own code is running (its body called <see cref="StateMachineProbe.Running"/>).</summary>
    Running,

    /// <summary>The method reached an <c>await</c> of the probe's unfinished wait and handed over its continuation.</summary>
    Parked,

    /// <summary>A <c>MoveNext</c> call is about to run the method again (a timer resumes it).</summary>
    Resumed,

    /// <summary>A <c>MoveNext</c> call has returned: the method parked at its next await, or finished.</summary>
    Returned,
}

/// <summary>
/// One reading of an async method's state machine: which <c>MoveNext</c> call it belongs to (1 is the call itself),
/// what happened, the compiler's <c>&lt;&gt;1__state</c> field at that moment, and the thread it happened on.
/// </summary>
/// <param name="MoveNext">The <c>MoveNext</c> call, counted from 1 (the call of the method runs the first).</param>
/// <param name="Moment">What happened.</param>
/// <param name="State">
/// The state field: -1 while running, <c>n</c> ≥ 0 while parked at await number <c>n + 1</c>, -2 once finished.
/// Null where it cannot be read yet: before the first await the state machine has no box that a probe can reach.
/// </param>
/// <param name="ThreadId">The managed thread it happened on.</param>
/// <param name="OnThreadPool">Whether that thread is a thread-pool thread.</param>
/// <param name="At">Real time since the probe was made.</param>
public readonly record struct StateMachineReading(int MoveNext, StateMachineMoment Moment, int? State, int ThreadId, bool OnThreadPool, TimeSpan At);

/// <summary>
/// Watches one async method's compiler-generated state machine as it runs: the <c>&lt;&gt;1__state</c> field at each
/// await, at each <c>MoveNext</c> call's entry and exit, and the thread each step ran on. Lesson 03 draws its
/// readings (<see cref="StateMachineChart"/>) so that a learner sees the states and transitions of a real run, not
/// a diagram someone typed.
/// </summary>
/// <remarks>
/// <para>
/// The method awaits the probe's <see cref="WaitAsync"/> instead of <see cref="StoryClock.WaitAsync"/>. Its awaiter
/// is what the compiled <c>await</c> hands the continuation to, and that continuation is the <c>MoveNext</c> of the
/// method's <c>AsyncStateMachineBox</c> (the heap object that is also the method's <see cref="Task"/>). From the box
/// the probe reads the state machine's state field by reflection, and it runs the continuation itself when the wait
/// ends, so it can read the state just before and just after each <c>MoveNext</c>. Both the box's
/// <c>StateMachine</c> field and the <c>&lt;&gt;1__state</c> field are implementation details of .NET and of the C#
/// compiler, read here to teach them; where one cannot be found, the reading's <see cref="StateMachineReading.State"/>
/// is null rather than a guess. A state machine compiled as a struct (Release) is reset when its method finishes, so
/// its final -2 cannot be read; one compiled as a class (Debug, such as a notebook cell's) can.
/// </para>
/// <para>
/// One probe watches one call of one method, run through <see cref="RunAsync{T}"/>, which also waits until the
/// last <c>MoveNext</c> has returned (the caller's own continuation may run inside it), so the readings are complete
/// when it returns. The method must await only the probe's waits; anything else it awaits resumes it unseen.
/// </para>
/// </remarks>
public sealed class StateMachineProbe
{
    private const string StateFieldName = "<>1__state";

    private readonly Lock _gate = new();
    private readonly List<StateMachineReading> _readings = [];
    private readonly StoryClock _clock;
    private readonly long _origin;
    private object? _box;
    private object? _machine; // a state machine compiled as a class (Debug), kept to read after its box lets go of it
    private int _moveNext = 1;
    private int _started;
    private Task _lastMoveNext = Task.CompletedTask;

    /// <summary>A probe whose waits run on <paramref name="clock"/> (story hours) and whose readings are timed by it.</summary>
    public StateMachineProbe(StoryClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _origin = clock.TimeProvider.GetTimestamp();
    }

    /// <summary>Every reading so far, in the order they happened.</summary>
    public StateMachineReading[] Readings()
    {
        lock (_gate)
        {
            return [.. _readings];
        }
    }

    /// <summary>
    /// Calls <paramref name="method"/> once and returns its result when the method has finished and its last
    /// <c>MoveNext</c> has returned, so that <see cref="Readings"/> is complete.
    /// </summary>
    /// <exception cref="InvalidOperationException">This probe already ran a method.</exception>
    public async Task<T> RunAsync<T>(Func<Task<T>> method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A StateMachineProbe watches one call of one method; make a new probe for the next.");
        }

        Task<T> task = method();
        Record(1, StateMachineMoment.Returned, StateOf(task)); // the call's MoveNext has returned with the task
        T result = await task.ConfigureAwait(false);
        Task last;
        lock (_gate)
        {
            last = _lastMoveNext;
        }

        await last.ConfigureAwait(false); // this code may be running inside the last MoveNext: let it return first
        return result;
    }

    /// <summary>
    /// Notes that the method's own code is running, with its state (-1 once the method has parked once and been
    /// resumed; unreadable, so null, before its first await).
    /// </summary>
    public void Running()
    {
        object? box;
        int moveNext;
        lock (_gate)
        {
            box = _box;
            moveNext = _moveNext;
        }

        Record(moveNext, StateMachineMoment.Running, box is null ? null : StateOf(box));
    }

    /// <summary>Waits <paramref name="hours"/> story hours, like <see cref="StoryClock.WaitAsync"/>, reading the state machine as it parks and resumes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is negative, not a number, or too long for a timer.</exception>
    public ProbedWait WaitAsync(double hours) => new(this, _clock.ToRealTime(hours));

    private void Park(object? box, Action continuation, TimeSpan delay)
    {
        int moveNext;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _box ??= box;
            moveNext = _moveNext;
            _lastMoveNext = finished.Task;
        }

        Record(moveNext, StateMachineMoment.Parked, box is null ? null : StateOf(box));
        ITimer? timer = null;
        timer = _clock.TimeProvider.CreateTimer(_ =>
        {
            timer?.Dispose();
            int next;
            lock (_gate)
            {
                next = ++_moveNext;
            }

            Record(next, StateMachineMoment.Resumed, box is null ? null : StateOf(box));
            try
            {
                continuation(); // the state machine's MoveNext: runs the method to its next await or its end
            }
            finally
            {
                Record(next, StateMachineMoment.Returned, box is null ? null : StateOf(box));
                finished.SetResult();
            }
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    private void Record(int moveNext, StateMachineMoment moment, int? state)
    {
        var reading = new StateMachineReading(moveNext, moment, state, Environment.CurrentManagedThreadId,
            Thread.CurrentThread.IsThreadPoolThread, _clock.TimeProvider.GetElapsedTime(_origin));
        lock (_gate)
        {
            _readings.Add(reading);
        }
    }

    /// <summary>
    /// The state field of the state machine inside <paramref name="box"/> (an <c>AsyncStateMachineBox</c>), or null if
    /// it cannot be read. A finished box lets go of its state machine (a class) or resets it (a struct), so a class is
    /// read through the reference kept from its first await, and a struct in a finished box is not read at all (its
    /// reset fields would say 0, not the -2 it ended with).
    /// </summary>
    private int? StateOf(object box)
    {
        object? machine;
        lock (_gate)
        {
            machine = _machine;
        }

        if (machine is null)
        {
            if (box is Task { IsCompleted: true })
            {
                return null;
            }

            machine = box.GetType().GetField("StateMachine", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(box);
            if (machine is not null && !machine.GetType().IsValueType)
            {
                lock (_gate)
                {
                    _machine ??= machine;
                }
            }
        }

        return machine?.GetType().GetField(StateFieldName, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(machine) as int?;
    }

    /// <summary>The awaitable <see cref="WaitAsync"/> returns: it always suspends, and resumes the method when its timer fires.</summary>
    public readonly struct ProbedWait
    {
        private readonly StateMachineProbe _probe;
        private readonly TimeSpan _delay;

        internal ProbedWait(StateMachineProbe probe, TimeSpan delay)
        {
            _probe = probe;
            _delay = delay;
        }

        /// <summary>What <c>await</c> calls first.</summary>
        public Awaiter GetAwaiter() => new(_probe, _delay);

        /// <summary>
        /// The awaiter: never complete at first (so the method always parks), hands the continuation, the state
        /// machine box's <c>MoveNext</c>, to the probe.
        /// </summary>
        public readonly struct Awaiter : INotifyCompletion
        {
            private readonly StateMachineProbe _probe;
            private readonly TimeSpan _delay;

            internal Awaiter(StateMachineProbe probe, TimeSpan delay)
            {
                _probe = probe;
                _delay = delay;
            }

            /// <summary>Always false: the wait has not ended when the method reaches it.</summary>
            public bool IsCompleted => false;

            /// <summary>The wait's result (none): called by the resumed method.</summary>
            public void GetResult()
            {
            }

            /// <summary>Receives the rest of the method (the box's <c>MoveNext</c>, whose target is the box) and runs it when the wait ends.</summary>
            public void OnCompleted(Action continuation)
            {
                ArgumentNullException.ThrowIfNull(continuation);
                _probe.Park(continuation.Target, continuation, _delay);
            }
        }
    }
}
