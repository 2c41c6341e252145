using System.Threading.Channels;
using Testbed.Load.Engine.Io;
using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>
/// What a profile needs while it runs: clients to the target, the result channel, the stop token
/// (the duration ended or Ctrl-C: start nothing new) and the shared counters (gauges) the aggregator samples when it closes a second.
/// </summary>
internal sealed class RunContext : IRunGauges
{
    private readonly ChannelWriter<RequestResult> _results;
    private long _started;
    private long _dropped;
    private int _users;
    private int _inFlight;
    private int _clients;

    public RunContext(Target target, RequestTemplate request, ClientOptions options, TimeProvider time,
        ClientTransport transport, TimeoutWatchdog watchdog, ChannelWriter<RequestResult> results, CancellationToken stop, int seed, RunTallies? tallies = null)
    {
        Tallies = tallies ?? new RunTallies();
        Target = target;
        Request = request;
        Options = options;
        Time = time;
        Transport = transport;
        Watchdog = watchdog;
        _results = results;
        Stop = stop;
        Seed = seed;
    }

    public Target Target { get; }
    public RequestTemplate Request { get; }
    public ClientOptions Options { get; }
    public TimeProvider Time { get; }
    public ClientTransport Transport { get; }
    public TimeoutWatchdog Watchdog { get; }
    public CancellationToken Stop { get; }
    public int Seed { get; }
    public RunObservations Observations { get; } = new();
    public RunTallies Tallies { get; }

    public long Started => Interlocked.Read(ref _started);
    public long Dropped => Interlocked.Read(ref _dropped);
    public int Users => Volatile.Read(ref _users);
    public int InFlight => Volatile.Read(ref _inFlight);

    public LoadClient CreateClient()
    {
        var client = new LoadClient(Target, Request, Options, Observations, Time, Transport, Interlocked.Increment(ref _clients));
        Watchdog.Register(client);
        return client;
    }

    public void ReleaseClient(LoadClient client)
    {
        Watchdog.Unregister(client);
        client.Dispose();
    }

    /// <summary>Think time for <paramref name="client"/>, where it runs; ends early (normally) when the run stops.</summary>
    public ValueTask ThinkAsync(LoadClient client, TimeSpan delay) => Transport.DelayAsync(client.Lane, delay, Time, Stop);

    public void UserStarted() => Interlocked.Increment(ref _users);
    public void UserStopped() => Interlocked.Decrement(ref _users);
    public void CountDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>Runs one request on <paramref name="client"/> and sends its result to the aggregator.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunOneAsync(LoadClient client, long intendedTimestamp = -1)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _inFlight);
        var result = await client.ExecuteAsync(intendedTimestamp).ConfigureAwait(false);
        Interlocked.Decrement(ref _inFlight);
        _results.TryWrite(result);
    }
}
