using System.Globalization;
using System.Text;
using DeliveryTimelines;

namespace SampleSupport;

/// <summary>
/// A sample's deliveries as live progress bars in the terminal, one row per delivery redrawn in place while they run,
/// with the courier's log lines scrolling above them; plain lines when the output is not a terminal.
/// </summary>
/// <example>
/// <code>
/// using var progress = new TerminalProgress(deliveries, clock);
/// var courier = new Courier(clock, log: progress.Log);                 // log lines go above the bars
/// double[] hours = await progress.FollowAsync(courier.Timeline,
///     Task.WhenAll(deliveries.Select(d => courier.DeliverAsync(d.Name, d.Mealtime))));
/// </code>
/// <c>A    [████████████············]  50%  eating, 1 of 2 h</c>
/// </example>
/// <remarks>
/// <para>
/// The rows follow the courier's <see cref="Timeline"/>: a meal in progress (begun, not ended:
/// <see cref="Timeline.Snapshot(bool)"/>) fills its bar as the customer eats; collected, failed and cancelled deliveries
/// say so. Redrawing uses three ANSI sequences that the terminals in use understand (xterm and its kin, VS Code's
/// terminal, Windows Terminal, and the Windows console in the VT mode .NET turns on): CSI n F (to the start of the line n
/// lines up), CSI 2 K (erase the line) and CSI ?25 l/h (hide/show the cursor, shown again on Ctrl+C too). A row is cut
/// to the terminal's width, since a row that wraps takes two lines and the redraw would climb one too few.
/// </para>
/// <para>
/// When the output is redirected (to a file, a pipe, a test) or TERM is "dumb", nothing is redrawn and no escape
/// sequence is written: log lines are written as they come, and each row once, in its final state, when disposed.
/// Everything written goes through one lock, so rows and log lines may come from any thread.
/// </para>
/// </remarks>
public sealed class TerminalProgress : IDisposable
{
    private const string Csi = "\u001b[";
    private static readonly TimeSpan RedrawPeriod = TimeSpan.FromMilliseconds(100);

    private readonly (string Name, double Mealtime)[] _deliveries;
    private readonly StoryClock _clock;
    private readonly TextWriter _out;
    private readonly int _width;
    private readonly string[] _rows;
    private readonly Lock _lock = new();
    private readonly Timer? _redraw;
    private bool _changed;
    private bool _disposed;

    /// <summary>Starts the rows, one per delivery, each "waiting".</summary>
    /// <param name="deliveries">The deliveries, by name and mealtime in story hours.</param>
    /// <param name="clock">The clock the deliveries run on: it turns the timeline's real time into story hours.</param>
    /// <param name="output">Where to write; <see cref="Console.Out"/> when null.</param>
    /// <param name="interactive">Redraw in place (true) or write plain lines (false); when null, <see cref="IsTerminal"/>.</param>
    /// <exception cref="ArgumentException">No delivery is given, or one has no name.</exception>
    public TerminalProgress(IEnumerable<(string Name, double Mealtime)> deliveries, StoryClock clock, TextWriter? output = null, bool? interactive = null)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(clock);
        _deliveries = [.. deliveries];
        if (_deliveries.Length == 0 || _deliveries.Any(d => string.IsNullOrWhiteSpace(d.Name)))
        {
            throw new ArgumentException("Give one or more deliveries, each with a name.", nameof(deliveries));
        }

        _clock = clock;
        _out = output ?? Console.Out;
        IsInteractive = interactive ?? IsTerminal;
        _width = output is null && IsInteractive ? TerminalWidth() : 0;
        int nameWidth = _deliveries.Max(d => d.Name.Length);
        _rows = [.. _deliveries.Select(d => Row(d.Name, 0, "waiting", nameWidth))];
        if (IsInteractive)
        {
            var first = new StringBuilder(Csi + "?25l");
            foreach (string row in _rows)
            {
                first.Append(Fit(row)).Append('\n');
            }

            Write(first);
            Console.CancelKeyPress += ShowCursor; // Ctrl+C must not leave the terminal without a cursor
            _redraw = new Timer(_ => Redraw(), null, RedrawPeriod, RedrawPeriod);
        }
    }

    /// <summary>
    /// True when standard output is a terminal that understands cursor movement: not redirected, and TERM is not
    /// "dumb". Under <c>dotnet run</c> in a terminal the program inherits the terminal, so this is true there.
    /// </summary>
    public static bool IsTerminal =>
        !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Whether the rows are redrawn in place (true) or written once at the end as plain lines (false).</summary>
    public bool IsInteractive { get; }

    /// <summary>The rows as they stand: one per delivery, in the order given.</summary>
    public IReadOnlyList<string> Rows
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows];
            }
        }
    }

    /// <summary>A writer whose lines go above the rows (<see cref="WriteLine"/>): give it to the courier as its log.</summary>
    public TextWriter Log => field ??= new LineWriter(this);

    /// <summary>Writes <paramref name="line"/> above the rows (a plain line when not interactive).</summary>
    public void WriteLine(string line)
    {
        lock (_lock)
        {
            if (!IsInteractive || _disposed)
            {
                _out.WriteLine(line);
                _out.Flush();
                return;
            }

            // Up to the rows' first line, write the log line over it, then draw every row again below it.
            var text = new StringBuilder().Append(Csi).Append(_rows.Length).Append('F').Append(Csi).Append("2K").Append(line).Append('\n');
            AppendRows(text);
            Write(text);
        }
    }

    /// <summary>
    /// Updates the rows from <paramref name="timeline"/> ten times a second until <paramref name="work"/> completes,
    /// then once more, and completes as <paramref name="work"/> did (with its exception, if it failed).
    /// </summary>
    public async Task FollowAsync(Timeline timeline, Task work)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            using var tick = new PeriodicTimer(RedrawPeriod, _clock.TimeProvider);
            while (!work.IsCompleted)
            {
                Update(timeline);
                await Task.WhenAny(work, tick.WaitForNextTickAsync().AsTask()).ConfigureAwait(false);
            }
        }
        finally
        {
            Update(timeline);
        }

        await work.ConfigureAwait(false);
    }

    /// <inheritdoc cref="FollowAsync(Timeline, Task)"/>
    /// <returns>The work's result.</returns>
    public async Task<T> FollowAsync<T>(Timeline timeline, Task<T> work)
    {
        await FollowAsync(timeline, (Task)work).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    /// <summary>Sets each row from what <paramref name="timeline"/> holds now, meals in progress included.</summary>
    public void Update(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ILookup<string, TimelineSpan> byName = timeline.Snapshot(includeInProgress: true).ToLookup(s => s.Name, StringComparer.Ordinal);
        int nameWidth = _deliveries.Max(d => d.Name.Length);
        lock (_lock)
        {
            for (int i = 0; i < _deliveries.Length; i++)
            {
                var (name, mealtime) = _deliveries[i];
                _rows[i] = RowFor(name, mealtime, byName[name].ToArray(), nameWidth);
            }

            _changed = true;
        }
    }

    /// <summary>Draws the rows a last time (as plain lines when not interactive) and gives the cursor back.</summary>
    public void Dispose()
    {
        _redraw?.Dispose();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var text = new StringBuilder();
            if (IsInteractive)
            {
                text.Append(Csi).Append(_rows.Length).Append('F');
                AppendRows(text);
                text.Append(Csi).Append("?25h");
                Console.CancelKeyPress -= ShowCursor;
            }
            else
            {
                foreach (string row in _rows)
                {
                    text.Append(row).Append('\n');
                }
            }

            Write(text);
        }
    }

    /// <summary>One delivery's row: <c>A    [████████████············]  50%  eating, 1 of 2 h</c>.</summary>
    /// <param name="name">The delivery's name, padded to <paramref name="nameWidth"/>.</param>
    /// <param name="fraction">How much is done, clamped to 0..1.</param>
    /// <param name="state">What it is doing.</param>
    /// <param name="nameWidth">The width of the name column.</param>
    public static string Row(string name, double fraction, string state, int nameWidth = 4)
    {
        ArgumentNullException.ThrowIfNull(name);
        const int width = 24;
        double done = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        int filled = (int)Math.Round(done * width, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name.PadRight(nameWidth)} [{new string('█', filled)}{new string('·', width - filled)}] {Math.Round(done * 100),3:0}%  {state}");
    }

    private string RowFor(string name, double mealtime, TimelineSpan[] spans, int nameWidth)
    {
        TimelineSpan? meal = spans.Where(s => s.Phase == Phase.Eating).Select(s => (TimelineSpan?)s).LastOrDefault();
        double eaten = meal is { } m ? _clock.ToHours(m.Duration) : 0;
        double fraction = mealtime > 0 ? eaten / mealtime : 1;
        string Hours(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture);
        string state = spans.Select(s => s.Phase).ToHashSet(StringComparer.Ordinal) switch
        {
            var p when p.Contains(Phase.Failed) => $"failed after {Hours(eaten)} h",
            var p when p.Contains(Phase.Cancelled) => $"cancelled after {Hours(eaten)} h",
            var p when p.Contains(Phase.Collecting) => $"done, {Hours(mealtime)} h",
            var p when p.Contains(Phase.Eating) => $"eating, {Hours(Math.Min(eaten, mealtime))} of {Hours(mealtime)} h",
            var p when p.Contains(Phase.Delivering) => "delivered",
            _ => "waiting",
        };
        return Row(name, spans.Any(s => s.Phase == Phase.Collecting) ? 1 : fraction, state, nameWidth);
    }

    private void Redraw()
    {
        lock (_lock)
        {
            if (!_changed || _disposed)
            {
                return;
            }

            var text = new StringBuilder().Append(Csi).Append(_rows.Length).Append('F');
            AppendRows(text);
            Write(text);
        }
    }

    private void AppendRows(StringBuilder text)
    {
        foreach (string row in _rows)
        {
            text.Append(Csi).Append("2K").Append(Fit(row)).Append('\n');
        }

        _changed = false;
    }

    private void Write(StringBuilder text)
    {
        _out.Write(text.ToString());
        _out.Flush();
    }

    private string Fit(string row) => _width > 1 && row.Length >= _width ? row[..(_width - 1)] : row;

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private void ShowCursor(object? sender, ConsoleCancelEventArgs e)
    {
        lock (_lock)
        {
            _out.Write(Csi + "?25h");
            _out.Flush();
        }
    }

    /// <summary>Collects characters into lines and hands each whole line to <see cref="WriteLine"/>.</summary>
    private sealed class LineWriter(TerminalProgress progress) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value != '\n')
                {
                    _line.Append(value);
                    return;
                }

                string line = _line.ToString().TrimEnd('\r');
                _line.Clear();
                progress.WriteLine(line);
            }
        }

        public override void Write(string? value)
        {
            foreach (char c in value ?? string.Empty)
            {
                Write(c);
            }
        }

        public override void WriteLine(string? value) => Write(value + "\n");
    }
}
