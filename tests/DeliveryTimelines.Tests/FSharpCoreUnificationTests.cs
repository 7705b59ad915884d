using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace DeliveryTimelines.Tests;

public sealed class FSharpCoreUnificationTests
{
    [Fact]
    public void A_newer_FSharp_Core_request_is_answered_with_the_loaded_one()
    {
        Assembly loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly;

        Assembly? answer = FSharpCoreUnification.ResolveToLoadedFSharpCore(
            AssemblyLoadContext.Default, new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"));

        Assert.Same(loaded, answer);
    }

    [Fact]
    public void Any_other_assembly_is_left_alone() =>
        Assert.Null(FSharpCoreUnification.ResolveToLoadedFSharpCore(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=99.0.0.0")));
}
