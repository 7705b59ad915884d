using System.Runtime.CompilerServices;
using DeliveryTimelines;
using Xunit;

namespace Notebooks.Tests;

/// <summary>
/// A notebook claim about Python: skipped, with the reason shown, where python3 is missing; on CI (<c>CI=true</c>) python3
/// must be there, so the test runs and fails instead of hiding behind a skip.
/// </summary>
internal sealed class NotebookPythonFactAttribute : FactAttribute
{
    public NotebookPythonFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!ChildProcess.IsOnPath("python3") && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "python3 is not on the PATH: the notebook's Python originals cannot run on this machine.";
        }
    }
}
