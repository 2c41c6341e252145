using System.Threading.Channels;
using Testbed.Load.Engine.Io;
using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>
/// Runs one profile against one target: wires the clients' results through a channel to the single
/// aggregator, samples the gauges once a second, stops starting requests at the profile's duration or
/// on Ctrl-C, aborts everything at the hard stop, and returns the closed statistics.
/// </summary>
internal static class LoadRun
{
    public static async Task<(RunStatistics Stats, RunObservations Observations, DateTimeOffset StartedAt, double DurationSeconds, bool Interrupted)>
        RunAsync(ILoadProfile profile, RunSetup setup, TimeProvider time, CancellationToken interrupt,
            Action<ProgressSnapshot>? onSecond = null, ILatencyIntervalSink? intervals = null, RunTallies? tallies = null)
    {
        var channel = Channel.CreateUnbounded<RequestResult>(new UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        var startedAt = time.GetUtcNow();
        long start = time.GetTimestamp();
        intervals?.Begin(startedAt);

        if (tallies is not null) tallies.ThreadsAtStart = Diagnosis.ThreadTimes.Read();
        using var transport = ClientTransport.Create(setup.Io, setup.IoThreads);
        using var watchdog = new TimeoutWatchdog(time, TimeSpan.FromMilliseconds(20));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        if (profile.StopAfter is { } stopAfter) stop.CancelAfter(stopAfter);
        bool hardStopped = false;
        using var hardStop = time.CreateTimer(_ =>
        {
            hardStopped = true;
            stop.Cancel();
            watchdog.AbortAll();
        }, null, setup.HardStop, Timeout.InfiniteTimeSpan);
        // Ctrl-C: stop at once and report what was done; requests in flight are cut off as "aborted".
        using var onInterrupt = interrupt.Register(watchdog.AbortAll);

        var context = new RunContext(setup.Target, setup.Request, setup.Client, time, transport, watchdog, channel.Writer, stop.Token, setup.Seed, tallies);
        var aggregator = new RunAggregator(start, time.TimestampFrequency, profile.TracksCorrectedLatency, onSecond,
            intervals: intervals, gauges: context);
        var consumer = Task.Run(() => aggregator.ConsumeAsync(channel.Reader));
        using var ticker = time.CreateTimer(_ =>
            channel.Writer.TryWrite(RequestResult.Tick(time.GetTimestamp(), context.Users, context.InFlight)),
            null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await profile.RunAsync(context).ConfigureAwait(false);
        long end = time.GetTimestamp();
        if (tallies is not null) tallies.ThreadsAtEnd = Diagnosis.ThreadTimes.Read();
        ticker.Dispose();
        channel.Writer.TryComplete();
        await consumer.ConfigureAwait(false);
        var stats = aggregator.Close(context.Started, context.Dropped, end);
        double seconds = (end - start) / (double)time.TimestampFrequency;
        return (stats, context.Observations, startedAt, seconds, interrupt.IsCancellationRequested || hardStopped);
    }
}
