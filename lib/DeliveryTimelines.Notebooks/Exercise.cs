using System.Globalization;
using System.Text;

namespace DeliveryTimelines;

/// <summary>
/// A notebook exercise that checks itself: the check cell reports where the learner stands, with a hint that grows one
/// step per failed check, and never throws for a wrong answer; <see cref="VerifyAsync"/> throws unless the answer
/// passes, so a test can prove each lesson's solution does.
/// </summary>
/// <remarks>
/// <para>
/// Guarantees. A check reports "solved" only when the learner's own code made the check return true: nothing here
/// writes an answer, and Run All cannot mark an exercise solved for the learner. A wrong answer, a placeholder
/// (<see cref="NotImplementedException"/>) or an exception from the learner's code is reported, never thrown, so Run All
/// goes on to the next cells.
/// </para>
/// <para>
/// Hints come in steps: each failed check shows the next hint in order, and after the last one it keeps showing the
/// last. Write them from a nudge to a near-answer, and never the answer itself. The count of failed checks is kept per
/// <see cref="Title"/> for the life of the kernel, because re-running the check cell creates the exercise anew; an
/// untried exercise (the placeholder still in place) shows no hint and uses none up. Restarting the kernel starts the
/// hints over.
/// </para>
/// <para>
/// A report starts with ✅ when solved, ⏳ when not tried yet, and ❌ otherwise. Text answers are compared leniently
/// through <see cref="SameText"/> and <see cref="SameLetters"/>, so that spelling the answer differently is not a
/// wrong answer.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // exercise cell: the learner edits this
/// double syncHours = double.NaN;
/// // check cell
/// var exercise1 = new Exercise("1. How long, synchronously?", () => syncHours == deliveries.Sum(d => d.Mealtime),
///     "The rider waits at each door until that meal is over.",
///     "One meal after another: what do the hours add up to?");
/// exercise1.Check()
/// // an async check: new Exercise("2. Fix the pitfall", async () => { ... }, hints...), then `await exercise2.CheckAsync()`
/// </code>
/// </example>
public sealed class Exercise
{
    private static readonly ExerciseHintSteps SharedSteps = new();

    private readonly Func<bool>? _check;
    private readonly Func<Task<bool>>? _checkAsync;
    private readonly ExerciseHintSteps _steps;
    private readonly string[] _hints;

    /// <summary>Defines an exercise with a synchronous check; end its check cell with <see cref="Check"/>.</summary>
    /// <param name="title">What the exercise asks, as the learner sees it, such as "1. How long, synchronously?".</param>
    /// <param name="isSolved">True when the learner's answer is right. Reads or runs the learner's code each time; may
    /// throw (<see cref="NotImplementedException"/> while the answer is a placeholder).</param>
    /// <param name="hints">At least one; shown one more per failed check, a nudge first, never the answer.</param>
    /// <exception cref="ArgumentException"><paramref name="title"/> or a hint is blank, or there is no hint.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="isSolved"/> is null.</exception>
    public Exercise(string title, Func<bool> isSolved, params string[] hints)
        : this(title, isSolved ?? throw new ArgumentNullException(nameof(isSolved)), null, hints, SharedSteps)
    {
    }

    /// <summary>Defines an exercise whose check awaits the learner's code; end its check cell with <c>await exerciseN.CheckAsync()</c>.</summary>
    /// <param name="title">What the exercise asks, as the learner sees it.</param>
    /// <param name="isSolved">Completes with true when the learner's answer is right; may throw or fault.</param>
    /// <param name="hints">At least one; shown one more per failed check, a nudge first, never the answer.</param>
    /// <exception cref="ArgumentException"><paramref name="title"/> or a hint is blank, or there is no hint.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="isSolved"/> is null.</exception>
    public Exercise(string title, Func<Task<bool>> isSolved, params string[] hints)
        : this(title, null, isSolved ?? throw new ArgumentNullException(nameof(isSolved)), hints, SharedSteps)
    {
    }

    internal Exercise(string title, Func<bool>? check, Func<Task<bool>>? checkAsync, string[] hints, ExerciseHintSteps steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(hints);
        if (hints.Length == 0 || hints.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An exercise needs at least one hint, and no hint may be blank.", nameof(hints));
        }

        Title = title;
        _check = check;
        _checkAsync = checkAsync;
        _hints = [.. hints];
        _steps = steps;
    }

    /// <summary>What the exercise asks.</summary>
    public string Title { get; }

    /// <summary>The hints, in the order failed checks show them.</summary>
    public IReadOnlyList<string> Hints => _hints;

    /// <summary>True when the check awaits the learner's code: use <see cref="CheckAsync"/> and <see cref="VerifyAsync"/>.</summary>
    public bool IsAsync => _checkAsync is not null;

    /// <summary>
    /// Runs a synchronous check and says where the learner stands, with the next hint after a failure. Never throws for
    /// a wrong, missing or throwing answer.
    /// </summary>
    /// <returns>One line: ✅ solved, ⏳ not tried yet, or ❌ not solved yet with a hint.</returns>
    /// <exception cref="InvalidOperationException">The check is asynchronous (a mistake in the lesson): use <see cref="CheckAsync"/>.</exception>
    public string Check() => Report(Run(nameof(Check)));

    /// <summary>
    /// Runs the check, awaiting the learner's code if it is asynchronous, and says where the learner stands, with the
    /// next hint after a failure. Never throws for a wrong, missing or throwing answer.
    /// </summary>
    /// <returns>One line: ✅ solved, ⏳ not tried yet, or ❌ not solved yet with a hint.</returns>
    public async Task<string> CheckAsync() => Report(await RunAsync().ConfigureAwait(false));

    /// <summary>Runs a synchronous check and throws unless the answer passes: for the lesson's tests, which run each solution.</summary>
    /// <exception cref="InvalidOperationException">The answer does not pass (the learner's exception, if any, is the inner
    /// exception), or the check is asynchronous (use <see cref="VerifyAsync"/>).</exception>
    public void Verify() => Confirm(Run(nameof(Verify)));

    /// <summary>Runs the check, awaiting it if it is asynchronous, and throws unless the answer passes.</summary>
    /// <exception cref="InvalidOperationException">The answer does not pass; the learner's exception, if any, is the inner exception.</exception>
    public async Task VerifyAsync() => Confirm(await RunAsync().ConfigureAwait(false));

    /// <summary>
    /// True when <paramref name="answer"/> says the same as one of the <paramref name="accepted"/> answers, ignoring case,
    /// every space (around and inside), quotes of any kind (' " ‘ ’ “ ” „ ` « ») and width (full-width letters).
    /// </summary>
    /// <example><c>Exercise.SameText(answer3, "event loop")</c> accepts <c>"Event Loop"</c>, <c>" eventloop "</c> and <c>"“event loop”"</c>.</example>
    /// <exception cref="ArgumentException">No accepted answer is given, or one is blank.</exception>
    public static bool SameText(string? answer, params string[] accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Length == 0 || accepted.Any(a => Lenient(a).Length == 0))
        {
            throw new ArgumentException("Give at least one accepted answer with something besides spaces and quotes.", nameof(accepted));
        }

        return answer is not null && accepted.Any(a => Lenient(a) == Lenient(answer));
    }

    /// <summary>
    /// True when <paramref name="answer"/> names the same set of letters as <paramref name="expected"/>, in any order and
    /// case, with anything that is not a letter between them: for "which of a, b, c…" questions.
    /// </summary>
    /// <example><c>Exercise.SameLetters(answer3, "bc")</c> accepts <c>"bc"</c>, <c>"C, B"</c> and <c>"(b) (c)"</c>, not <c>"b"</c> or <c>"abc"</c>.</example>
    /// <exception cref="ArgumentException"><paramref name="expected"/> has no letter.</exception>
    public static bool SameLetters(string? answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        HashSet<char> wanted = Letters(expected);
        if (wanted.Count == 0)
        {
            throw new ArgumentException($"The expected answer must name at least one letter; got \"{expected}\".", nameof(expected));
        }

        return answer is not null && wanted.SetEquals(Letters(answer));
    }

    private static HashSet<char> Letters(string text) =>
        [.. text.Normalize(NormalizationForm.FormKC).Where(char.IsLetter).Select(char.ToLowerInvariant)];

    private static string Lenient(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c) && !IsQuote(c))
            {
                kept.Append(char.ToLowerInvariant(c));
            }
        }

        return kept.ToString();
    }

    private static bool IsQuote(char c) => c is '"' or '\'' or '`' or '‘' or '’' or '‚' or '‛' or '“' or '”' or '„' or '‟' or '«' or '»' or '´';

    private Outcome Run(string method)
    {
        if (_check is null)
        {
            throw new InvalidOperationException(
                $"{Title}: this exercise's check is asynchronous; end the check cell with `await exercise.{method}Async()` instead of {method}().");
        }

        try
        {
            return _check() ? Outcome.Pass : new Outcome(false, null);
        }
#pragma warning disable CA1031 // A learner's code may throw anything; the check reports it instead of failing the cell.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome(false, e);
        }
    }

    private async Task<Outcome> RunAsync()
    {
        if (_checkAsync is null)
        {
            return Run(nameof(Check));
        }

        try
        {
            return await _checkAsync().ConfigureAwait(false) ? Outcome.Pass : new Outcome(false, null);
        }
#pragma warning disable CA1031 // as in Run: the learner's exception is reported, not thrown
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome(false, e);
        }
    }

    private string Report(Outcome outcome)
    {
        if (outcome.Solved)
        {
            return $"✅ {Title}: solved.";
        }

        if (outcome.Error is NotImplementedException)
        {
            return $"⏳ {Title}: not tried yet. Edit the exercise cell, run it, then run this check again.";
        }

        int failed = _steps.Fail(Title);
        string hint = _hints.Length == 1
            ? $"Hint: {_hints[0]}"
            : string.Create(CultureInfo.InvariantCulture, $"Hint {Math.Min(failed, _hints.Length)} of {_hints.Length}: {_hints[Math.Min(failed, _hints.Length) - 1]}");
        string threw = outcome.Error is { } e ? $" Your code threw {e.GetType().Name} (\"{e.Message}\")." : "";
        return $"❌ {Title}: not solved yet.{threw} {hint}";
    }

    private void Confirm(Outcome outcome)
    {
        if (!outcome.Solved)
        {
            string threw = outcome.Error is { } e ? $": it threw {e.GetType().Name}: {e.Message}" : "";
            throw new InvalidOperationException($"{Title}: the answer does not pass its check{threw}.", outcome.Error);
        }

        Console.WriteLine($"✅ {Title}: the solution passes its check.");
    }

    private readonly record struct Outcome(bool Solved, Exception? Error)
    {
        public static Outcome Pass => new(true, null);
    }
}
