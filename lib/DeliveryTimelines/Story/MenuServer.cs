using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeliveryTimelines;

/// <summary>
/// A tiny HTTP server on the loopback interface (127.0.0.1, a free port) that answers <c>GET /mealtime/{name}</c>
/// with the customer's mealtime after <see cref="AnswerHours"/> story hours: real network I/O for the lessons, with
/// nothing to install and nothing reachable from outside the machine.
/// </summary>
/// <remarks>
/// It answers every request concurrently and counts the most it was answering at once (<see cref="MostAtOnce"/>),
/// so a lesson can show from the server's side that a throttled client never sent more than K requests at a time.
/// Disposing it (<c>await using</c>, Python's <c>async with</c>) turns new requests away, lets the answers in flight
/// finish, and stops listening; disposing it again waits for the same.
/// </remarks>
public sealed class MenuServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyDictionary<string, double> _menu;
    private readonly StoryClock _clock;
    private readonly List<Task> _answers = [];
    private readonly Task _serving;
    private int _inFlight;
    private int _mostAtOnce;
    private int _served;
    private Task? _disposal;
    private volatile bool _stopping;

    private MenuServer(HttpListener listener, IReadOnlyDictionary<string, double> menu, StoryClock clock, double answerHours)
    {
        _listener = listener;
        _menu = menu;
        _clock = clock;
        AnswerHours = answerHours;
        Address = new Uri(listener.Prefixes.Single());
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Where the server listens, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>How many story hours the server takes to answer each request.</summary>
    public double AnswerHours { get; }

    /// <summary>How many requests have been answered.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>The most requests the server was answering at the same moment.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>Starts a server for <paramref name="menu"/> (customer name → mealtime in story hours).</summary>
    /// <param name="menu">The answers; a name not in it gets 404.</param>
    /// <param name="clock">The story clock the answers wait on.</param>
    /// <param name="answerHours">How long each answer takes, in story hours (the kitchen looking it up).</param>
    /// <exception cref="ArgumentNullException"><paramref name="menu"/> or <paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="answerHours"/> is negative, NaN, infinite, or too long for the clock.</exception>
    public static MenuServer Start(IReadOnlyDictionary<string, double> menu, StoryClock clock, double answerHours)
    {
        ArgumentNullException.ThrowIfNull(menu);
        ArgumentNullException.ThrowIfNull(clock);
        clock.ThrowIfOutOfRange(answerHours);
        for (int attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{FreePort()}/");
            try
            {
                listener.Start();
                return new MenuServer(listener, menu, clock, answerHours);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // another process took the port in the meantime: try another
            }
        }
    }

    /// <summary>Turns new requests away (503), waits for the answers in flight, stops listening and releases the port.</summary>
    /// <remarks>Calling it again, even while the first call is still waiting, waits for that same shutdown and does nothing more.</remarks>
    public ValueTask DisposeAsync()
    {
        lock (_answers)
        {
            _disposal ??= StopAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task StopAsync()
    {
        // HttpListener.Stop closes every connection, answers half-written included: so first turn new requests away
        // (503, at once), let the answers in flight finish, and only then stop listening.
        _stopping = true;
        await Task.WhenAll(Answers()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // a client that hung up is not our failure
        _listener.Stop();
        await _serving.ConfigureAwait(false);
        await Task.WhenAll(Answers()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Close();
    }

    private Task[] Answers()
    {
        lock (_answers)
        {
            return [.. _answers];
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            lock (_answers)
            {
                _answers.RemoveAll(a => a.IsCompleted);
                _answers.Add(AnswerAsync(context)); // not awaited here: every request is answered concurrently
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        if (_stopping)
        {
            context.Response.StatusCode = 503; // closing: the client may ask another server
            context.Response.Close();
            return;
        }

        int now = Interlocked.Increment(ref _inFlight);
        for (int most = Volatile.Read(ref _mostAtOnce); now > most; most = Volatile.Read(ref _mostAtOnce))
        {
            Interlocked.CompareExchange(ref _mostAtOnce, now, most);
        }

        try
        {
            using HttpListenerResponse response = context.Response;
            await _clock.WaitAsync(AnswerHours).ConfigureAwait(false); // the kitchen looks it up; no thread is held
            string[] path = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            string body;
            if (path is ["mealtime", var name] && _menu.TryGetValue(Uri.UnescapeDataString(name), out double mealtime))
            {
                body = mealtime.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                response.StatusCode = 404;
                body = "not on the menu";
            }

            byte[] bytes = Encoding.UTF8.GetBytes(body);
            response.ContentType = "text/plain; charset=utf-8";
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _served);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
