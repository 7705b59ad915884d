using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DeliveryTimelines.Tests;

/// <summary>A delivery that fails, every outcome of a gather, and a task group: what notebooks 05 and 06 build on.</summary>
public sealed class FailureAndGroupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    private Courier NewCourier() => new(new StoryClock(1, _time), new Timeline("test", _time), TextWriter.Null);

    // Moves the fake clock on by story hours (1 hour = 1 s on these couriers' clock). Each test then awaits what was due
    // by then before moving it again, so every continuation records at the time it was due, however slow the machine.
    private void Advance(double hours) => _time.Advance(TimeSpan.FromSeconds(hours));

    [Fact]
    public async Task A_dropped_plate_fails_after_its_hours_and_is_recorded()
    {
        var courier = NewCourier();
        Task<double> dropped = courier.DeliverAndDropAsync("B", 1.5);

        Advance(1.5);

        var error = await Assert.ThrowsAsync<DeliveryFailedException>(() => dropped.WaitAsync(Bound));
        Assert.Equal("B", error.Name);
        Assert.Equal(1.5, error.After);
        Assert.Equal("B dropped the plate after 1.5 h", error.Message);
        Assert.Equal([Phase.Delivering, Phase.Eating, Phase.Failed], courier.Timeline.Snapshot().Select(s => s.Phase));
        Assert.Equal(TimeSpan.FromSeconds(1.5), courier.Timeline.Snapshot().Single(s => s.Phase == Phase.Eating).Duration);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_drop_time_that_is_not_a_duration_is_refused_at_the_call(double dropsAfter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = NewCourier().DeliverAndDropAsync("B", dropsAfter); });
        Assert.Equal("dropsAfter", error.ParamName);
    }

    [Fact]
    public async Task WhenAllSettled_returns_every_outcome_in_argument_order_and_never_throws()
    {
        var courier = NewCourier();
        using var cancelC = new CancellationTokenSource();
        Task<double>[] tasks = [courier.DeliverAsync("A", 1), courier.DeliverAndDropAsync("B", 1), courier.DeliverAsync("C", 3, cancelC.Token)];
        Task<Outcome<double>[]> settled = Outcome.WhenAllSettled(tasks);
        await cancelC.CancelAsync();

        Advance(1); // A's meal ends and B drops the plate; C was cancelled
        Outcome<double>[] outcomes = await settled.WaitAsync(Bound);

        Assert.Equal(1.0, outcomes[0].Value);
        Assert.True(outcomes[0].Succeeded);
        Assert.IsType<DeliveryFailedException>(outcomes[1].Exception);
        Assert.False(outcomes[1].Succeeded);
        Assert.True(outcomes[2].IsCanceled);
        Assert.Equal(["1", "DeliveryFailedException: B dropped the plate after 1 h", "cancelled"], outcomes.Select(o => o.ToString()));
        var noValue = Assert.Throws<InvalidOperationException>(() => outcomes[1].Value);
        Assert.Same(outcomes[1].Exception, noValue.InnerException);
    }

    [Fact]
    public async Task WhenAllSettled_keeps_every_exception_of_a_task_that_failed_with_several()
    {
        Task<int> both = Task.WhenAll(Task.FromException(new TimeoutException("one")), Task.FromException(new FormatException("two")))
            .ContinueWith<int>(t => throw t.Exception!, TaskScheduler.Default);

        Outcome<int>[] outcomes = await Outcome.WhenAllSettled([both]).WaitAsync(Bound);

        var aggregate = Assert.IsType<AggregateException>(outcomes[0].Exception);
        Assert.Equal(["one", "two"], aggregate.Flatten().InnerExceptions.Select(e => e.Message));
    }

    [Fact]
    public async Task WhenAllSettled_refuses_a_null_task_by_its_index()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Outcome.WhenAllSettled([Task.FromResult(1), null!]));
        Assert.Equal("tasks", error.ParamName);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_of_an_unfinished_task_is_refused()
    {
        var pending = new TaskCompletionSource<int>();
        var error = Assert.Throws<ArgumentException>(() => Outcome.Of(pending.Task));
        Assert.Contains("WaitingForActivation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_outcome_is_not_a_success()
    {
        Outcome<int> none = default;

        Assert.False(none.Succeeded);
        Assert.False(none.IsCanceled);
        Assert.Null(none.Exception);
        Assert.Contains("default", Assert.Throws<InvalidOperationException>(() => none.Value).Message, StringComparison.Ordinal);
        Assert.Equal("no outcome", none.ToString());
        Assert.NotEqual(Outcome.Of(Task.FromResult(0)), none); // not even the outcome of a task that returned default
    }

    [Fact]
    public void Each_way_a_task_ends_reads_as_itself()
    {
        var failure = new InvalidOperationException("burnt");
        Outcome<int> ok = Outcome.Of(Task.FromResult(7)), failed = Outcome.Of(Task.FromException<int>(failure)),
            cancelled = Outcome.Of(Task.FromCanceled<int>(new CancellationToken(canceled: true)));

        Assert.Equal((true, false, null, 7), (ok.Succeeded, ok.IsCanceled, ok.Exception, ok.Value));
        Assert.Equal((false, false, failure), (failed.Succeeded, failed.IsCanceled, failed.Exception));
        Assert.Same(failure, Assert.Throws<InvalidOperationException>(() => failed.Value).InnerException);
        Assert.Equal((false, true, null), (cancelled.Succeeded, cancelled.IsCanceled, cancelled.Exception));
        Assert.Equal(["7", "InvalidOperationException: burnt", "cancelled"], new[] { ok, failed, cancelled }.Select(o => o.ToString()));
    }

    [Fact]
    public async Task A_task_group_cancels_the_others_on_the_first_failure_and_reports_it()
    {
        var courier = NewCourier();
        Task<double> a, b, c;
        AggregateException error;
        await using (var group = new TaskGroup())
        {
            a = group.Run(token => courier.DeliverAsync("A", 1, token));
            b = group.Run(token => courier.DeliverAndDropAsync("B", 1.5, token));
            c = group.Run(token => courier.DeliverAsync("C", 3, token));
            Task all = group.WhenAllAsync();
            Advance(1);
            await a.WaitAsync(Bound);
            Advance(0.5); // B drops the plate, and the group cancels C
            error = await Assert.ThrowsAsync<AggregateException>(() => all.WaitAsync(Bound));
        }

        Assert.IsType<DeliveryFailedException>(Assert.Single(error.InnerExceptions));
        Assert.Equal(TaskStatus.RanToCompletion, a.Status);
        Assert.Equal(TaskStatus.Faulted, b.Status);
        Assert.Equal(TaskStatus.Canceled, c.Status); // cancelled by the group, not reported as a failure
        Assert.Contains(courier.Timeline.Snapshot(), s => s.Name == "C" && s.Phase == Phase.Cancelled);
    }

    [Fact]
    public async Task A_task_group_reports_every_failure_in_start_order()
    {
        await using var group = new TaskGroup();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = group.Run<int>(async _ => { await release.Task; throw new FormatException("first started"); });
        _ = group.Run<int>(_ => throw new TimeoutException("thrown before any await"));
        release.SetResult();

        var error = await Assert.ThrowsAsync<AggregateException>(() => group.WhenAllAsync().WaitAsync(Bound));

        Assert.Equal(["first started", "thrown before any await"], error.InnerExceptions.Select(e => e.Message));
    }

    [Fact]
    public async Task A_task_group_cancelled_from_outside_throws_OperationCanceledException()
    {
        using var customerGivesUp = new CancellationTokenSource();
        await using var group = new TaskGroup(customerGivesUp.Token);
        Task<int> waiting = group.Run(async token => { await Task.Delay(Timeout.Infinite, token); return 1; });

        await customerGivesUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => group.WhenAllAsync().WaitAsync(Bound));
        Assert.True(waiting.IsCanceled);
    }

    [Fact]
    public async Task Leaving_a_task_group_early_cancels_and_waits_for_what_still_runs()
    {
        Task<int> orphanCandidate;
        await using (var group = new TaskGroup())
        {
            orphanCandidate = group.Run(async token => { await Task.Delay(Timeout.Infinite, token); return 1; });
        } // no WhenAllAsync: an early exit

        Assert.True(orphanCandidate.IsCanceled);
    }

    [Fact]
    public async Task A_task_group_takes_no_tasks_once_it_waits_and_refuses_null_work()
    {
        await using var group = new TaskGroup();
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => { _ = group.Run((Func<CancellationToken, Task<int>>)null!); }).ParamName);
        await group.WhenAllAsync().WaitAsync(Bound);

        Assert.Throws<InvalidOperationException>(() => { _ = group.Run(_ => Task.CompletedTask); });
    }

    [Fact]
    public async Task A_task_group_disposed_twice_or_at_once_from_two_places_ends_once()
    {
        var group = new TaskGroup();
        Task<int> running = group.Run(async token => { await Task.Delay(Timeout.Infinite, token); return 1; });

        ValueTask first = group.DisposeAsync(), second = group.DisposeAsync(); // the second while the first still waits
        await first.AsTask().WaitAsync(Bound);
        await second.AsTask().WaitAsync(Bound);
        await group.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.True(running.IsCanceled);
    }

    [Fact]
    public async Task The_token_of_a_disposed_group_can_still_be_read_and_is_cancelled_as_documented()
    {
        var group = new TaskGroup();
        await group.Run(_ => Task.CompletedTask).WaitAsync(Bound);
        await group.WhenAllAsync().WaitAsync(Bound);
        Assert.False(group.Token.IsCancellationRequested); // every task ended well: nothing cancelled it yet

        await group.DisposeAsync();

        Assert.True(group.Token.IsCancellationRequested); // "cancelled ... at disposal"
        Assert.True(group.Token.Register(() => { }) is var registration); // a late registration runs at once, rather than throwing
        registration.Dispose();
    }
}
