using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace DeliveryTimelines;

/// <summary>
/// Lets Plotly.NET run in a process that already loaded an older FSharp.Core, such as the frozen .NET Interactive
/// kernel behind Polyglot Notebooks.
/// </summary>
/// <remarks>
/// Plotly.NET 6.0.0 is built against FSharp.Core 10.1.0.0. The kernel (Microsoft.dotnet-interactive 1.0.712001)
/// ships and loads FSharp.Core 10.0.0.0 at start-up, and the default load context cannot hold two versions of one
/// assembly, so the first chart fails with <c>FileNotFoundException: FSharp.Core, Version=10.1.0.0</c>.
/// This module initializer runs when this library is loaded, before any of its types touch Plotly.NET, and answers
/// a failed FSharp.Core load with the FSharp.Core already in the process: 10.1 is a compatible superset of what
/// Plotly.NET calls. In an ordinary program the runtime finds FSharp.Core 10.1 beside the app and the handler is
/// never asked.
/// </remarks>
internal static class FSharpCoreUnification
{
    private static int _installed;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The fix must be in place before any code in this library touches Plotly.NET, whoever loads it.")]
    internal static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += ResolveToLoadedFSharpCore;
        }
    }

    /// <summary>Returns the FSharp.Core already loaded in the process when FSharp.Core is asked for and not found.</summary>
    internal static Assembly? ResolveToLoadedFSharpCore(AssemblyLoadContext context, AssemblyName requested)
    {
        if (!string.Equals(requested.Name, "FSharp.Core", StringComparison.Ordinal))
        {
            return null;
        }

        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.Ordinal))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
    }
}
