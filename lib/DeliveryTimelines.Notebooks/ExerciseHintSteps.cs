using System.Collections.Concurrent;

namespace DeliveryTimelines;

/// <summary>
/// How many checks of each exercise (by title) have failed: the step of the hint each shows next. One instance lives as
/// long as the kernel, so the steps survive re-running a check cell, which creates its <see cref="Exercise"/> anew.
/// </summary>
internal sealed class ExerciseHintSteps
{
    private readonly ConcurrentDictionary<string, int> _failed = new(StringComparer.Ordinal);

    /// <summary>Counts one more failed check of <paramref name="title"/> and returns how many there have been.</summary>
    public int Fail(string title) => _failed.AddOrUpdate(title, 1, static (_, n) => n + 1);
}
