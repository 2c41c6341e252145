using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Engine;

namespace Testbed.Load.Commands;

/// <summary>
/// <c>testbed-load rate</c>: the open model at a constant arrival rate (wrk2, k6), latency reported
/// both as measured and corrected for coordinated omission.
/// </summary>
internal static class RateCommand
{
    public static Command Create()
    {
        var rps = new Option<double>("--rps", "-R") { Description = "Requests per second to send", Required = true };
        var duration = new Option<string>("--duration", "-d") { Description = "How long to send: 30, 30s, 2m", Required = true };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Requests outstanding at most; a due request past it is dropped. Defaults to 1000", DefaultValueFactory = _ => 1000 };
        var noKeepAlive = new Option<bool>("--no-keep-alive") { Description = "A new connection per request (pooled keep-alive connections by default)" };
        var common = new CommonOptions();
        var command = new Command(ProfileNames.Rate, "Open model at a constant arrival rate; measured and coordinated-omission-corrected latency");
        foreach (var o in new Option[] { rps, duration, maxInFlight, noKeepAlive }) command.Options.Add(o);
        common.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            double r = parse.GetValue(rps);
            if (r <= 0 || double.IsNaN(r) || double.IsInfinity(r)) throw new UsageException($"--rps: must be positive, got {r}");
            var d = ValueParsers.Duration(parse.GetValue(duration)!, "--duration", TimeSpan.FromSeconds(1));
            if (d <= TimeSpan.Zero) throw new UsageException("--duration: must be positive");
            int m = parse.GetValue(maxInFlight);
            ValueParsers.Positive(m, "--max-in-flight");
            bool keepAlive = !parse.GetValue(noKeepAlive);
            int buffer = m > 1000 ? 2048 : ClientOptions.DefaultReceiveBufferBytes;
            var settings = common.Bind(parse, keepAlive, checkLength: false, d, buffer);
            var segment = settings.Segment;
            ValueParsers.NonEmptyShare(segment, m, "--max-in-flight");
            var profile = new RateProfile(r, d, m, segment);
            if (profile.Hits == 0)
                throw new UsageException($"--segment {segment}: --rps {r} over {d.TotalSeconds}s leaves generator {segment.Index} no request");
            var parameters = new List<KeyValuePair<string, object?>>
            {
                new("rps", r), new("durationSeconds", d.TotalSeconds), new("maxInFlight", m), new("keepAlive", keepAlive),
                new("timeoutSeconds", settings.Setup.Client.Timeout.TotalSeconds),
                new("segmentRequests", profile.Hits), new("segmentMaxInFlight", profile.MaxInFlight),
            };
            return await RunExecutor.ExecuteAsync(profile, settings, parameters, profile.MaxInFlight, variableLength: true, ct);
        });
        return command;
    }
}
