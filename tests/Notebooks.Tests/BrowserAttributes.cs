using Tooling;
using Xunit;

namespace Notebooks.Tests;

/// <summary>A fact that needs Chromium: skipped with a reason where it is missing, except in CI, where it fails.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = SharedChromium.SkipReason;
}

/// <summary>A theory that needs Chromium: skipped with a reason where it is missing, except in CI, where it fails.</summary>
internal sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = SharedChromium.SkipReason;
}
