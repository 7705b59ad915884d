using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;

namespace DeliveryTimelines;

/// <summary>
/// What one panel of a <see cref="TimelineChart"/> figure drew: the chart writes one per panel into its layout, as
/// <c>layout.meta.timelines</c>, and the browser check reads them back (<see cref="Read"/>) to hold the SVG that
/// plotly.js made to them. This type is the whole contract between the two, including the texts a panel must show
/// for its time unit (<see cref="TimeAxisTitle"/>, <see cref="TotalLabel"/>, <see cref="ClockNote"/>).
/// </summary>
/// <remarks>
/// Plotly.NET writes the figure with Json.NET, which takes the names below from the <see cref="DataMemberAttribute"/>s
/// and leaves out a member that is null; <see cref="Read"/> reads them with System.Text.Json by the same names.
/// </remarks>
/// <param name="Title">The panel's title (the timeline's), shown above it.</param>
/// <param name="View"><see cref="SpansView"/> (a bar per span, a marker per instant) or <see cref="AggregateView"/>
/// (lines of how many spans are in progress and how many instants happened so far).</param>
/// <param name="Spans">How many spans the timeline holds, instants included.</param>
/// <param name="Elapsed">The timeline's total elapsed time, in <paramref name="Unit"/>: the dashed line and its "total" label.</param>
/// <param name="Unit">The time axis's unit: <see cref="HoursUnit"/> (story hours), <see cref="SecondsUnit"/> or
/// <see cref="MillisecondsUnit"/> (real time). Every panel of a figure has the same, since they share the axis.</param>
/// <param name="SecondsPerHour">In story hours: the story clock's real seconds per hour, which the figure states; null in real time.</param>
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
    [property: DataMember(Name = "unit", Order = 4)] string Unit,
    [property: DataMember(Name = "secondsPerHour", Order = 5, EmitDefaultValue = false)] double? SecondsPerHour = null,
    [property: DataMember(Name = "series", Order = 6, EmitDefaultValue = false)] int? Series = null,
    [property: DataMember(Name = "rows", Order = 7, EmitDefaultValue = false)] int? Rows = null,
    [property: DataMember(Name = "bars", Order = 8, EmitDefaultValue = false)] int? Bars = null,
    [property: DataMember(Name = "instants", Order = 9, EmitDefaultValue = false)] int? Instants = null)
{
    /// <summary>The <see cref="View"/> of a panel drawn span by span.</summary>
    public const string SpansView = "spans";

    /// <summary>The <see cref="View"/> of a panel drawn aggregated.</summary>
    public const string AggregateView = "aggregate";

    /// <summary>The <see cref="Unit"/> of a figure in story hours: every timeline in it is on a story clock of one scale.</summary>
    public const string HoursUnit = "h";

    /// <summary>The <see cref="Unit"/> of a figure in real seconds: its longest timeline lasts a second or more.</summary>
    public const string SecondsUnit = "s";

    /// <summary>The <see cref="Unit"/> of a figure in real milliseconds: its longest timeline lasts less than a second.</summary>
    public const string MillisecondsUnit = "ms";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Whether the panel is drawn aggregated.</summary>
    public bool Aggregated => View == AggregateView;

    /// <summary>
    /// The title under the time axis for <see cref="Unit"/>: "story hours since start", "seconds since start" or
    /// "milliseconds since start"; null for a unit that is none of the three.
    /// </summary>
    public string? TimeAxisTitle => Unit switch
    {
        HoursUnit => "story hours since start",
        SecondsUnit => "seconds since start",
        MillisecondsUnit => "milliseconds since start",
        _ => null,
    };

    /// <summary>The label at the panel's total line: "total 3.01 h", "total 1.44 s", "total 412 ms".</summary>
    public string TotalLabel => "total " + (Unit switch
    {
        HoursUnit => StoryHours.FormatMeasured(Elapsed),
        MillisecondsUnit => Elapsed.ToString("F0", CultureInfo.InvariantCulture),
        _ => Elapsed.ToString("F2", CultureInfo.InvariantCulture),
    }) + " " + Unit;

    /// <summary>
    /// In story hours, how the figure states its clock's scale: "story clock: 1 h = 0.25 s" (the number as
    /// <see cref="StoryHours.Format"/> writes it); null in real time.
    /// </summary>
    public string? ClockNote => SecondsPerHour is { } scale
        ? string.Create(CultureInfo.InvariantCulture, $"story clock: 1 h = {StoryHours.Format(scale)} s")
        : null;

    /// <summary>The claim of a panel drawn span by span.</summary>
    public static TimelinePanelClaim ForSpans(string title, int spans, double elapsed, string unit, double? secondsPerHour, int rows, int bars, int instants) =>
        new(title, SpansView, spans, elapsed, unit, secondsPerHour, Rows: rows, Bars: bars, Instants: instants);

    /// <summary>The claim of a panel drawn aggregated into <paramref name="series"/> lines.</summary>
    public static TimelinePanelClaim ForAggregate(string title, int spans, double elapsed, string unit, double? secondsPerHour, int series) =>
        new(title, AggregateView, spans, elapsed, unit, secondsPerHour, Series: series);

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
