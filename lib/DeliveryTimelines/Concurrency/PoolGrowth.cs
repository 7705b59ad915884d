using System.Globalization;

namespace DeliveryTimelines;

/// <summary>What <see cref="PoolGrowth.MeasureAsync"/> saw of the thread pool while blocking calls held its threads.</summary>
/// <param name="ThreadsBefore">The pool's threads when the measurement began (<see cref="ThreadPool.ThreadCount"/>, idle ones too).</param>
/// <param name="ThreadsAfter">The pool's threads when every call had returned: the threads it added are still there then
/// (an idle pool thread retires after about 20 s).</param>
/// <param name="MinThreads">The pool's minimum of worker threads (<see cref="ThreadPool.GetMinThreads"/>): the number of
/// cores unless the program raised it.</param>
/// <param name="StartedAtOnce">How many calls, queued one at a time, each got a thread within <paramref name="AtOnceWithin"/>.</param>
/// <param name="Waits">How long each later call waited in the queue for a thread, in the order they were queued: the
/// first that did not start at once, then the ones queued right behind it.</param>
/// <param name="LateStarts">When each of those later calls got a thread, from when the first of them was queued (so the
/// first equals its wait): the gaps between them are the pool adding threads one at a time, or the first calls
/// returning and freeing theirs.</param>
/// <param name="Blocking">How long each call held its thread.</param>
/// <param name="AtOnceWithin">How soon a call had to start to count as started at once.</param>
public sealed record PoolGrowthResult(
    int ThreadsBefore, int ThreadsAfter, int MinThreads, int StartedAtOnce, IReadOnlyList<TimeSpan> Waits, IReadOnlyList<TimeSpan> LateStarts, TimeSpan Blocking, TimeSpan AtOnceWithin)
{
    /// <summary>Two lines for a lesson: the pool's threads and minimum, how many calls started at once, how long the rest waited.</summary>
    /// <example>the pool had 4 thread(s) and a minimum of 2 (GetMinThreads); 4 blocking calls got a thread at once (within
    /// 100 ms); it has 7 now
    /// the next 3 waited for a thread (s): 0.51, 1.02, 1.53</example>
    public override string ToString()
    {
        string waited = Waits.Count == 0
            ? "no call waited for a thread: the pool started every one at once"
            : $"the next {Waits.Count} waited for a thread (s): {string.Join(", ", Waits.Select(w => w.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}";
        return string.Create(CultureInfo.InvariantCulture,
            $"the pool had {ThreadsBefore} thread(s) and a minimum of {MinThreads} (GetMinThreads); {StartedAtOnce} blocking calls got a thread at once " +
            $"(within {AtOnceWithin.TotalMilliseconds:0} ms); it has {ThreadsAfter} now{Environment.NewLine}{waited}");
    }
}

/// <summary>
/// Measures how the thread pool grows when blocking calls hold all its threads: lessons 02 and 07 and their samples
/// show with it that the pool starts work at once up to what it aims for, then lets in about one more thread every half
/// second to a second (thread-pool starvation in miniature).
/// </summary>
/// <remarks>
/// <para>
/// Underneath it is plain .NET: <see cref="ThreadPool.ThreadCount"/>, <see cref="ThreadPool.GetMinThreads"/>, and
/// <c>Task.Run(() =&gt; Thread.Sleep(blocking))</c> per call. The calls are queued one at a time, each only after the one
/// before got a thread within <see cref="DefaultAtOnceWithin"/>, so the count that started at once is what the pool
/// had or created on demand, not a guess from a burst. The first call that waits longer shows the pool has run out;
/// a few more are queued right behind it, and how long each of those waits shows the pool adding threads (its
/// starvation check runs every 500 ms and adds one) or, once the first calls return, lending their freed threads.
/// </para>
/// <para>
/// The queueing runs on a thread of its own, not a pool thread, so the measurement does not take one of the threads
/// it counts, and its waits are not queued behind the calls it measures.
/// </para>
/// <para>
/// Cost: every call blocks a pool thread for <c>blocking</c>, so the measurement lasts about the longest wait plus
/// <c>blocking</c> (about 4 s with 2 s calls), and the pool keeps the threads it added for a while afterwards (idle pool
/// threads retire after about 20 s). The pool is the whole process's: other work running meanwhile changes what it
/// shows, so measure at a quiet moment.
/// </para>
/// </remarks>
/// <example><code>Console.WriteLine(await PoolGrowth.MeasureAsync(new Timeline("blocking calls"), TimeSpan.FromSeconds(2)));</code></example>
public static class PoolGrowth
{
    /// <summary>How soon a call must get a thread to count as started at once when not told otherwise: 100 ms.</summary>
    public static readonly TimeSpan DefaultAtOnceWithin = TimeSpan.FromMilliseconds(100);

    /// <summary>The phase each call is recorded in on the timeline.</summary>
    public const string Blocked = "blocked";

    /// <summary>
    /// Queues calls that each block a pool thread for <paramref name="blocking"/>, one at a time while each gets a thread
    /// within <paramref name="atOnceWithin"/> (at most <paramref name="mostAtOnce"/> of them), then
    /// <paramref name="queuedBehind"/> more right behind the first that did not; records each call on
    /// <paramref name="timeline"/> (as "call 1", "call 2", ... in the <see cref="Blocked"/> phase, on the thread that ran
    /// it) and returns when all have returned.
    /// </summary>
    /// <param name="timeline">Where each call is recorded, from when it got a thread to when it returned.</param>
    /// <param name="blocking">How long each call blocks its thread: 100 ms to 60 s, and at least twice <paramref name="atOnceWithin"/>.</param>
    /// <param name="queuedBehind">How many calls to queue behind the first that waited: 0 to 16.</param>
    /// <param name="atOnceWithin">How soon a call must start to count as at once: 1 ms to 1 s; <see cref="DefaultAtOnceWithin"/> when null.</param>
    /// <param name="mostAtOnce">The most calls to queue one at a time (if the pool starts them all at once, the ones
    /// behind are queued anyway, and may start at once too): 1 to 256.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeline"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Task<PoolGrowthResult> MeasureAsync(
        Timeline timeline, TimeSpan blocking, int queuedBehind = 2, TimeSpan? atOnceWithin = null, int mostAtOnce = 64)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        TimeSpan within = atOnceWithin ?? DefaultAtOnceWithin;
        if (within < TimeSpan.FromMilliseconds(1) || within > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(atOnceWithin), within, $"A call counts as started at once within 1 ms to 1 s; got {within.TotalMilliseconds} ms.");
        }

        if (blocking < TimeSpan.FromMilliseconds(100) || blocking > TimeSpan.FromSeconds(60) || blocking < 2 * within)
        {
            throw new ArgumentOutOfRangeException(nameof(blocking), blocking,
                $"Each call blocks for 100 ms to 60 s, and at least twice atOnceWithin ({(2 * within).TotalMilliseconds} ms), so a thread it holds is not freed before the next call is judged; got {blocking.TotalMilliseconds} ms.");
        }

        if (queuedBehind is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(queuedBehind), queuedBehind, $"Queue 0 to 16 calls behind the first that waited; got {queuedBehind}.");
        }

        if (mostAtOnce is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(mostAtOnce), mostAtOnce, $"Queue 1 to 256 calls one at a time; got {mostAtOnce}.");
        }

        return MeasureCoreAsync(timeline, blocking, queuedBehind, within, mostAtOnce);
    }

    private static async Task<PoolGrowthResult> MeasureCoreAsync(Timeline timeline, TimeSpan blocking, int queuedBehind, TimeSpan within, int mostAtOnce)
    {
        ThreadPool.GetMinThreads(out int minThreads, out _);
        int threadsBefore = ThreadPool.ThreadCount;
        var queuedAt = new List<TimeSpan>();
        var startedAt = new TimeSpan[mostAtOnce + queuedBehind];
        var calls = new List<Task>();
        using var started = new SemaphoreSlim(0);

        void QueueCall()
        {
            int call = calls.Count;
            queuedAt.Add(timeline.Now);
            calls.Add(Task.Run(() =>
            {
                TimeSpan start = timeline.Now;
                startedAt[call] = start;
                started.Release();
                Thread.Sleep(blocking);
                timeline.Record($"call {call + 1}", Blocked, start, timeline.Now);
            }));
        }

        int startedAtOnce = await Task.Factory.StartNew(() =>
        {
            int atOnce = 0;
            while (atOnce < mostAtOnce)
            {
                QueueCall();
                if (!started.Wait(within))
                {
                    break;
                }

                atOnce++;
            }

            for (int i = 0; i < queuedBehind; i++)
            {
                QueueCall();
            }

            return atOnce;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);

        await Task.WhenAll(calls).ConfigureAwait(false);
        int[] late = [.. Enumerable.Range(startedAtOnce, calls.Count - startedAtOnce)];
        TimeSpan[] waits = [.. late.Select(call => startedAt[call] - queuedAt[call])];
        TimeSpan[] lateStarts = [.. late.Select(call => startedAt[call] - queuedAt[startedAtOnce])];
        return new PoolGrowthResult(threadsBefore, ThreadPool.ThreadCount, minThreads, startedAtOnce, waits, lateStarts, blocking, within);
    }
}
