using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class SingleThreadLoopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_continuation_runs_on_the_one_loop_thread_and_the_waits_overlap()
    {
        var steps = new List<(string Step, int Thread)>(); // one thread writes it: no lock needed, which is the point

        int[] results = await SingleThreadLoop.RunAsync(async () =>
        {
            async Task<int> Wait(int ms)
            {
                steps.Add(($"start {ms}", Environment.CurrentManagedThreadId));
                await Task.Delay(ms);
                steps.Add(($"end {ms}", Environment.CurrentManagedThreadId));
                return ms;
            }

            return await Task.WhenAll(Wait(30), Wait(60), Wait(90));
        }).WaitAsync(Bound);

        Assert.Equal([30, 60, 90], results);
        Assert.Single(steps.Select(s => s.Thread).Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, steps[0].Thread);
        // Overlap without timing anything: every wait began before the first one ended. (A timer may fire late on a
        // busy machine, which would make an elapsed-time assertion flaky; the order of events cannot be late.)
        Assert.Equal(["start 30", "start 60", "start 90"], steps.Take(3).Select(s => s.Step));
        Assert.Equal(["end 30", "end 60", "end 90"], steps.Skip(3).Select(s => s.Step).Order());
    }

    [Fact]
    public async Task An_exception_reaches_the_caller()
    {
        Task run = SingleThreadLoop.RunAsync(async () =>
        {
            await Task.Delay(1);
            throw new InvalidOperationException("burnt");
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Bound));
        Assert.Equal("burnt", error.Message);
    }

    [Fact]
    public async Task Send_on_the_loop_thread_runs_the_callback_at_once()
    {
        var steps = new List<string>();

        await SingleThreadLoop.RunAsync(() =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            SynchronizationContext.Current!.Send(_ => steps.Add(Environment.CurrentManagedThreadId == loopThread ? "sent, on the loop" : "sent, elsewhere"), null);
            steps.Add("after Send");
            return Task.CompletedTask;
        }).WaitAsync(Bound);

        Assert.Equal(["sent, on the loop", "after Send"], steps); // inline: queueing it and waiting would wait forever
    }

    [Fact]
    public async Task Send_from_another_thread_runs_on_the_loop_and_waits_for_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<SynchronizationContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        int loopThread = 0;
        Task run = SingleThreadLoop.RunAsync(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            started.SetResult(SynchronizationContext.Current!);
            await release.Task; // the loop stays up, idle, until the sends below are done
        });
        SynchronizationContext context = await started.Task.WaitAsync(Bound);

        int ranOn = 0;
        await Task.Run(() => context.Send(_ => ranOn = Environment.CurrentManagedThreadId, null)).WaitAsync(Bound);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Task.Run(() => context.Send(_ => throw new InvalidOperationException("burnt on the loop"), null)).WaitAsync(Bound));
        release.SetResult();
        await run.WaitAsync(Bound);

        Assert.Equal(loopThread, ranOn);
        Assert.Equal("burnt on the loop", error.Message); // the sender gets the callback's own exception
    }

    [Fact]
    public async Task A_copy_of_the_context_posts_to_the_same_loop()
    {
        int copyRanOn = 0, loopThread = 0;
        bool equal = false;

        await SingleThreadLoop.RunAsync(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            SynchronizationContext copy = SynchronizationContext.Current!.CreateCopy();
            equal = copy.Equals(SynchronizationContext.Current) && copy.GetHashCode() == SynchronizationContext.Current.GetHashCode();
            var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            copy.Post(_ =>
            {
                copyRanOn = Environment.CurrentManagedThreadId;
                ran.SetResult();
            }, null);
            await ran.Task;
        }).WaitAsync(Bound);

        Assert.Equal(loopThread, copyRanOn);
        Assert.True(equal);
    }

    [Fact]
    public async Task An_async_void_exception_fails_the_run_instead_of_the_process()
    {
        bool callerCaught = false;
        async void FireAndForget()
        {
            await Task.Delay(1);
            throw new InvalidOperationException("nobody was told");
        }

        Task run = SingleThreadLoop.RunAsync(() =>
        {
            try
            {
                FireAndForget();
            }
            catch (InvalidOperationException)
            {
                callerCaught = true;
            }

            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Bound));
        Assert.Equal("nobody was told", error.Message);
        Assert.False(callerCaught); // the exception never passes through the caller: that is why async void is dangerous
    }

    [Fact]
    public async Task The_loop_waits_for_async_void_methods_started_on_it()
    {
        var finished = false;
        async void Later()
        {
            await Task.Delay(100);
            finished = true;
        }

        await SingleThreadLoop.RunAsync(() =>
        {
            Later();
            return Task.CompletedTask; // main is done at once; Later() is not
        }).WaitAsync(Bound);

        Assert.True(finished);
    }

    [Fact]
    public async Task Both_the_function_s_exception_and_what_escaped_to_the_loop_are_reported()
    {
        async void Escapes()
        {
            await Task.Yield();
            throw new TimeoutException("escaped");
        }

        Task run = SingleThreadLoop.RunAsync(async () =>
        {
            Escapes();
            await Task.Delay(1);
            throw new InvalidOperationException("main failed");
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Bound)); // await throws the first: main's
        Assert.Equal(["main failed", "escaped"], run.Exception!.InnerExceptions.Select(e => e.Message));
    }

    [Fact]
    public async Task Work_posted_after_the_loop_stopped_still_runs()
    {
        SynchronizationContext? loop = null;
        await SingleThreadLoop.RunAsync(() =>
        {
            loop = SynchronizationContext.Current;
            return Task.CompletedTask;
        }).WaitAsync(Bound);

        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.NotNull(loop);
        loop.Post(_ => ran.SetResult(), null);

        await ran.Task.WaitAsync(Bound); // on the thread pool: not lost, not hanging
    }

    [Fact]
    public void A_missing_function_is_refused_at_the_call()
    {
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => { _ = SingleThreadLoop.RunAsync((Func<Task>)null!); }).ParamName);
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => { _ = SingleThreadLoop.RunAsync((Func<Task<int>>)null!); }).ParamName);
    }
}
