namespace DeliveryTimelines;

/// <summary>
/// A notebook exercise with a self-check: the check cell reports progress without stopping "Run All", and the
/// collapsed solution cell calls <see cref="Verify"/>, which fails loudly, so the headless run proves each solution passes.
/// </summary>
/// <example>
/// <code>
/// double predictedHours = double.NaN;                       // exercise cell: the learner edits this
/// var exercise1 = new Exercise("1. Predict the total", () => predictedHours == 3, "gather waits for the longest meal");
/// exercise1.Check()                                          // check cell
/// predictedHours = 3; exercise1.Verify();                    // solution cell (collapsed)
/// </code>
/// </example>
public sealed class Exercise
{
    private readonly Func<bool> _isSolved;

    /// <summary>Defines an exercise.</summary>
    /// <param name="title">What the exercise asks, as the learner sees it.</param>
    /// <param name="isSolved">True when the learner's answer is right. Reads the learner's variables each time it runs;
    /// may throw <see cref="NotImplementedException"/> while the answer is still a placeholder.</param>
    /// <param name="hint">Shown while the answer is not right yet.</param>
    public Exercise(string title, Func<bool> isSolved, string hint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(isSolved);
        ArgumentException.ThrowIfNullOrWhiteSpace(hint);
        Title = title;
        _isSolved = isSolved;
        Hint = hint;
    }

    /// <summary>What the exercise asks.</summary>
    public string Title { get; }

    /// <summary>Shown while the answer is not right yet.</summary>
    public string Hint { get; }

    /// <summary>Runs the check and says where the learner stands; never throws for a wrong or missing answer.</summary>
    public string Check() => Evaluate() switch
    {
        (true, _) => $"✅ {Title}: solved.",
        (false, NotImplementedException) => $"⏳ {Title}: not tried yet. Edit the exercise cell, run it, then run this check again.",
        (false, Exception e) => $"❌ {Title}: your code threw {e.GetType().Name}: {e.Message}. Hint: {Hint}",
        _ => $"❌ {Title}: not yet. Hint: {Hint}",
    };

    /// <summary>Runs the check and throws unless the answer is right: for solution cells and tests.</summary>
    /// <exception cref="InvalidOperationException">The answer is wrong, missing, or the check threw.</exception>
    public void Verify()
    {
        var (solved, error) = Evaluate();
        if (!solved)
        {
            throw new InvalidOperationException($"{Title}: the answer does not pass its check. Hint: {Hint}", error);
        }

        Console.WriteLine($"✅ {Title}: the solution passes its check.");
    }

    private (bool Solved, Exception? Error) Evaluate()
    {
        try
        {
            return (_isSolved(), null);
        }
#pragma warning disable CA1031 // A learner's code may throw anything; the check reports it instead of failing the cell.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (false, e);
        }
    }
}
