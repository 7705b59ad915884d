using System.Globalization;
using System.Text.Json;
using DeliveryTimelines;
using Microsoft.Playwright;

namespace Tooling;

/// <summary>What stays alive on a page after a forced garbage collection.</summary>
/// <param name="ChartsInPage">Chart divs in the document.</param>
/// <param name="ChartsAlive">plotly.js graph divs still reachable in the JavaScript heap, in the document or not.</param>
/// <param name="ResizeListeners">Listeners for the window's resize event (plotly.js adds one per responsive chart).</param>
/// <param name="HeapMegabytes">JavaScript heap in use.</param>
public sealed record PageMemory(int ChartsInPage, int ChartsAlive, int ResizeListeners, double HeapMegabytes)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ChartsInPage} chart(s) in the page, {ChartsAlive} alive, {ResizeListeners} resize listener(s), {HeapMegabytes:F1} MB heap");
}

// A notebook output that is replaced again and again, as VS Code replaces a cell's output when the cell runs again or
// a live display updates: does each new chart draw, and do the replaced ones let go of their memory?
public sealed partial class ChartPage
{
    /// <summary>
    /// A page holding one notebook output, with plotly.js loaded once (as the setup cell loads it), on which
    /// <see cref="ReplaceOutputAsync"/> replaces the output the way VS Code's HTML renderer does.
    /// </summary>
    public static string NotebookOutputPage() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>one notebook output</title>\n</head>\n<body>\n" +
        ChartHtml.PlotlyLoader() + """
        <div id="cell-output"></div>
        <script>
        // VS Code's notebook HTML renderer (extensions/notebook-renderers, renderHTML): empty the output's container,
        // set the new HTML, and re-create each script element so that it runs.
        window.__renderOutput = function (html) {
          const container = document.getElementById('cell-output');
          while (container.firstChild) { container.firstChild.remove(); }
          const element = document.createElement('div');
          element.innerHTML = html;
          container.appendChild(element);
          for (const node of Array.from(element.getElementsByTagName('script'))) {
            const script = document.createElement('script');
            script.text = node.innerText;
            if (node.type) { script.setAttribute('type', node.type); }
            element.appendChild(script).parentNode.removeChild(script);
          }
        };
        </script>
        </body>
        </html>

        """;

    /// <summary>
    /// Replaces the output of a <see cref="NotebookOutputPage"/> with <paramref name="html"/> and waits until its chart
    /// has drawn or failed; returns the chart's <c>data-drawn</c> ("true" when it drew).
    /// </summary>
    /// <exception cref="InvalidOperationException">The page is not a <see cref="NotebookOutputPage"/>.</exception>
    public async Task<string> ReplaceOutputAsync(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!await _page.EvaluateAsync<bool>("() => typeof window.__renderOutput === 'function'").ConfigureAwait(false))
        {
            throw new InvalidOperationException("This page does not hold a notebook output: open one written from ChartPage.NotebookOutputPage().");
        }

        await _page.EvaluateAsync("html => window.__renderOutput(html)", html).ConfigureAwait(false);
        await _page.WaitForFunctionAsync(
            "() => { const el = document.querySelector('#cell-output .delivery-timelines-chart'); return el && el.getAttribute('data-drawn'); }",
            null, new PageWaitForFunctionOptions { Timeout = (float)DrawTimeout.TotalMilliseconds }).ConfigureAwait(false);
        return await _page.EvaluateAsync<string>(
            "() => document.querySelector('#cell-output .delivery-timelines-chart').getAttribute('data-drawn')").ConfigureAwait(false);
    }

    /// <summary>Forces a garbage collection in the page and says what is still alive (through the DevTools protocol).</summary>
    public async Task<PageMemory> MemoryAsync()
    {
        ICDPSession cdp = await _context.NewCDPSessionAsync(_page).ConfigureAwait(false);
        try
        {
            await cdp.SendAsync("HeapProfiler.collectGarbage").ConfigureAwait(false);
            string divPrototype = ObjectId(await cdp.SendAsync("Runtime.evaluate",
                new() { ["expression"] = "HTMLDivElement.prototype", ["objectGroup"] = "probe" }).ConfigureAwait(false), "result");
            var divs = await cdp.SendAsync("Runtime.queryObjects",
                new() { ["prototypeObjectId"] = divPrototype, ["objectGroup"] = "probe" }).ConfigureAwait(false);
            var alive = await cdp.SendAsync("Runtime.callFunctionOn", new()
            {
                ["objectId"] = ObjectId(divs, "objects"),
                ["functionDeclaration"] = "function () { return this.filter(d => d.classList.contains('js-plotly-plot')).length; }",
                ["returnByValue"] = true,
            }).ConfigureAwait(false);
            string window = ObjectId(await cdp.SendAsync("Runtime.evaluate",
                new() { ["expression"] = "window", ["objectGroup"] = "probe" }).ConfigureAwait(false), "result");
            var listeners = await cdp.SendAsync("DOMDebugger.getEventListeners", new() { ["objectId"] = window }).ConfigureAwait(false);
            int resize = listeners!.Value.GetProperty("listeners").EnumerateArray().Count(l => l.GetProperty("type").GetString() == "resize");

            // The array queryObjects returned keeps every div it found alive: release it before measuring the heap.
            await cdp.SendAsync("Runtime.releaseObjectGroup", new() { ["objectGroup"] = "probe" }).ConfigureAwait(false);
            await cdp.SendAsync("HeapProfiler.collectGarbage").ConfigureAwait(false);
            var heap = await cdp.SendAsync("Runtime.getHeapUsage").ConfigureAwait(false);
            int inPage = await _page.EvaluateAsync<int>("() => document.querySelectorAll('.js-plotly-plot').length").ConfigureAwait(false);
            return new PageMemory(inPage, alive!.Value.GetProperty("result").GetProperty("value").GetInt32(), resize,
                heap!.Value.GetProperty("usedSize").GetDouble() / (1024 * 1024));
        }
        finally
        {
            await cdp.DetachAsync().ConfigureAwait(false);
        }
    }

    private static string ObjectId(JsonElement? reply, string property) =>
        reply!.Value.GetProperty(property).GetProperty("objectId").GetString()!;
}
