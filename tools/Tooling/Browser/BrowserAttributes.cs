using System.Runtime.CompilerServices;
using Xunit;

namespace Tooling;

/// <summary>
/// A test that needs Chromium: skipped with <see cref="SharedChromium.SkipReason"/> where it is missing, except in CI,
/// where it runs and fails.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Marks a browser test; the caller's file and line are kept so test explorers can find it.</summary>
    public BrowserFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = SharedChromium.SkipReason;
}

/// <summary>
/// A theory that needs Chromium: skipped with <see cref="SharedChromium.SkipReason"/> where it is missing, except in
/// CI, where it runs and fails.
/// </summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks a browser theory; the caller's file and line are kept so test explorers can find it.</summary>
    public BrowserTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = SharedChromium.SkipReason;
}
