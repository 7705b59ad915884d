using System.Runtime.Serialization;
using System.Text.Json;

namespace DeliveryTimelines;

/// <summary>
/// What one panel of a <see cref="TimelineChart"/> figure drew: the chart writes one per panel into its layout, as
/// <c>layout.meta.timelines</c>, and the browser check reads them back (<see cref="Read"/>) to hold the SVG that
/// plotly.js made to them. This type is the whole contract between the two.
/// </summary>
/// <remarks>
/// Plotly.NET writes the figure with Json.NET, which takes the names below from the <see cref="DataMemberAttribute"/>s
/// and leaves out a member that is null; <see cref="Read"/> reads them with System.Text.Json by the same names.
/// </remarks>
/// <param name="Title">The panel's title (the timeline's), shown above it.</param>
/// <param name="View"><see cref="SpansView"/> (a bar per span, a marker per instant) or <see cref="AggregateView"/>
/// (lines of how many spans are in progress and how many instants happened so far).</param>
/// <param name="Spans">How many spans the timeline holds, instants included.</param>
/// <param name="Elapsed">The timeline's total elapsed seconds: the dashed line and its "total N s" label.</param>
/// <param name="Series">Aggregated: how many lines the panel draws; null otherwise.</param>
/// <param name="Rows">Spans view: how many rows (deliveries or threads); null otherwise.</param>
/// <param name="Bars">Spans view: how many bars, one per span with a length; null otherwise.</param>
/// <param name="Instants">Spans view: how many markers, one per instant shown; null otherwise.</param>
[DataContract]
public sealed record TimelinePanelClaim(
    [property: DataMember(Name = "title", Order = 0)] string Title,
    [property: DataMember(Name = "view", Order = 1)] string View,
    [property: DataMember(Name = "spans", Order = 2)] int Spans,
    [property: DataMember(Name = "elapsed", Order = 3)] double Elapsed,
    [property: DataMember(Name = "series", Order = 4, EmitDefaultValue = false)] int? Series = null,
    [property: DataMember(Name = "rows", Order = 5, EmitDefaultValue = false)] int? Rows = null,
    [property: DataMember(Name = "bars", Order = 6, EmitDefaultValue = false)] int? Bars = null,
    [property: DataMember(Name = "instants", Order = 7, EmitDefaultValue = false)] int? Instants = null)
{
    /// <summary>The <see cref="View"/> of a panel drawn span by span.</summary>
    public const string SpansView = "spans";

    /// <summary>The <see cref="View"/> of a panel drawn aggregated.</summary>
    public const string AggregateView = "aggregate";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Whether the panel is drawn aggregated.</summary>
    public bool Aggregated => View == AggregateView;

    /// <summary>The claim of a panel drawn span by span.</summary>
    public static TimelinePanelClaim ForSpans(string title, int spans, double elapsed, int rows, int bars, int instants) =>
        new(title, SpansView, spans, elapsed, Rows: rows, Bars: bars, Instants: instants);

    /// <summary>The claim of a panel drawn aggregated into <paramref name="series"/> lines.</summary>
    public static TimelinePanelClaim ForAggregate(string title, int spans, double elapsed, int series) =>
        new(title, AggregateView, spans, elapsed, Series: series);

    /// <summary>
    /// The claims in <paramref name="json"/>, the JSON of a figure's <c>layout.meta.timelines</c>; null when it is
    /// <c>null</c> (a chart that is not a timeline chart, such as a learner's own).
    /// </summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not an array of claims.</exception>
    public static IReadOnlyList<TimelinePanelClaim>? Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<TimelinePanelClaim[]>(json, ReadOptions);
    }
}
