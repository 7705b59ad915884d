using System.Globalization;
using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace DeliveryTimelines;

/// <summary>What the first cell of every notebook does, through <c>#!import ../lib/setup.dib</c>.</summary>
public static class Notebook
{
    private static readonly HashSet<Assembly> ChartAssemblies = [];
    private static int _formattersRegistered;

    /// <summary>
    /// Makes charts display in the notebook: registers HTML formatters so that a <see cref="GenericChart"/> or a
    /// <see cref="Timeline"/> that is a cell's result draws as a chart, and returns the HTML that loads plotly.js
    /// once for the whole notebook (display it; the setup cell does).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Charts draw from the plotly.js copy inside the Plotly.NET package, so an executed notebook draws offline.
    /// Plotly.NET.Interactive's own formatter is not used because it links plotly.js from a CDN.
    /// </para>
    /// <para>
    /// A learner's own chart draws the same way, including one made with a Plotly.NET that a cell brought from NuGet
    /// (<c>#r "nuget: Plotly.NET.CSharp"</c>, Plotly.NET's C# API, loads a second copy of Plotly.NET beside this
    /// library's, whose <see cref="GenericChart"/> is another type): every copy of Plotly.NET that loads gets the
    /// same formatter.
    /// </para>
    /// </remarks>
    public static string Setup()
    {
        if (Interlocked.Exchange(ref _formattersRegistered, 1) == 0)
        {
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Fragment(chart)), HtmlFormatter.MimeType);
            Formatter.Register<Timeline>((timeline, writer) => writer.Write(ChartHtml.Fragment(TimelineChart.Gantt(timeline))), HtmlFormatter.MimeType);
            AppDomain.CurrentDomain.AssemblyLoad += (_, loaded) => RegisterChartsOf(loaded.LoadedAssembly);
            foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                RegisterChartsOf(assembly);
            }
        }

        return ChartHtml.PlotlyLoader() + string.Create(CultureInfo.InvariantCulture,
            $"<p><em>DeliveryTimelines loaded; charts draw offline with plotly.js {ChartHtml.PlotlyJsVersion}. " +
            $"Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores.</em></p>");
    }

    /// <summary>
    /// When <paramref name="assembly"/> is a copy of Plotly.NET other than this library's, registers the chart
    /// formatter for its <c>GenericChart</c>, drawing the figure JSON that copy makes.
    /// </summary>
    internal static bool RegisterChartsOf(Assembly assembly)
    {
        if (assembly.GetName().Name != typeof(GenericChart).Assembly.GetName().Name || assembly == typeof(GenericChart).Assembly)
        {
            return false;
        }

        Type? chart = assembly.GetType(typeof(GenericChart).FullName!);
        MethodInfo? toFigureJson = chart?.GetMethod(nameof(GenericChart.toFigureJson), BindingFlags.Public | BindingFlags.Static, [chart]);
        if (chart is null || toFigureJson is null)
        {
            return false;
        }

        lock (ChartAssemblies)
        {
            if (!ChartAssemblies.Add(assembly))
            {
                return false;
            }
        }

        Formatter.Register(chart, (value, writer) => writer.Write(ChartHtml.FigureFragment((string)toFigureJson.Invoke(null, [value])!)), HtmlFormatter.MimeType);
        return true;
    }
}
