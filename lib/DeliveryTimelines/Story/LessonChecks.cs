namespace DeliveryTimelines;

/// <summary>
/// The claims a lesson checks in its own run, each printed as it is checked: <c>✔ claim</c> when it held, <c>✘ claim</c>
/// when it did not. The lesson goes on either way, so one surprise never hides the rest of the story.
/// </summary>
/// <remarks>
/// A notebook and its sample check the same claims through this one type, so both print them the same way and the
/// tests can read them back. A check whose outcome depends on the machine (lost updates need two cores) should say so in
/// its claim, and be made only where it can hold.
/// </remarks>
/// <example>
/// <code>
/// var checks = new LessonChecks();
/// checks.That(delivered == 3, "ToArray started each delivery once");   // prints "✔ ToArray started each delivery once"
/// Console.WriteLine(checks);                                           // "all 1 checks held"
/// </code>
/// </example>
public sealed class LessonChecks
{
    private readonly TextWriter? _output;
    private readonly List<string> _failed = [];
    private readonly Lock _gate = new();
    private int _held;

    /// <summary>Starts with no checks made.</summary>
    /// <param name="output">Where each check is printed; the current <see cref="Console.Out"/> at each check when null
    /// (a notebook redirects it per cell).</param>
    public LessonChecks(TextWriter? output = null)
    {
        _output = output;
    }

    /// <summary>How many checks held.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>The claims that did not hold, in the order they were checked.</summary>
    public IReadOnlyList<string> Failed
    {
        get
        {
            lock (_gate)
            {
                return [.. _failed];
            }
        }
    }

    /// <summary>Prints <c>✔ claim</c> or <c>✘ claim</c> and counts it.</summary>
    /// <param name="holds">Whether the claim held in this run.</param>
    /// <param name="claim">What the lesson claims, as one sentence the learner reads.</param>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is null, empty or white space.</exception>
    public void That(bool holds, string claim)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claim);
        lock (_gate)
        {
            if (holds)
            {
                _held++;
            }
            else
            {
                _failed.Add(claim);
            }
        }

        (_output ?? Console.Out).WriteLine($"{(holds ? "✔" : "✘")} {claim}");
    }

    /// <summary>One line: every check held, or which did not.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return _failed.Count == 0
                ? $"all {_held} checks held"
                : $"{_failed.Count} of {_held + _failed.Count} checks did not hold: {string.Join("; ", _failed)}";
        }
    }
}
