using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Engine;

namespace Testbed.Load.Commands;

/// <summary>
/// <c>testbed-load ab</c>: ApacheBench's closed loop and report. Same flags as ab where ab has them
/// (-n -c -t -k -s -m -H -p -T -l); -t without -n implies -n 50000, as in ab.
/// </summary>
internal static class AbCommand
{
    public const int TimeLimitImpliedRequests = 50_000;

    public static Command Create()
    {
        var requests = new Option<long?>("--requests", "-n") { Description = "Number of requests. Defaults to 1 (50000 with -t), as in ab" };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Requests at a time. Defaults to 1", DefaultValueFactory = _ => 1 };
        var timeLimit = new Option<double?>("--time-limit", "-t") { Description = "Seconds to spend at most; no request starts after it" };
        var keepAlive = new Option<bool>("--keep-alive", "-k") { Description = "Use HTTP keep-alive (off by default, as in ab)" };
        var variableLength = new Option<bool>("--variable-length", "-l") { Description = "Accept variable document lengths (otherwise a length different from the first response's fails as 'length')" };
        var common = new CommonOptions();
        var command = new Command(ProfileNames.Ab, "ApacheBench's closed loop: -n requests in total, -c at a time; prints ab's report");
        foreach (var o in new Option[] { requests, concurrency, timeLimit, keepAlive, variableLength }) command.Options.Add(o);
        common.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            int c = parse.GetValue(concurrency);
            double? t = parse.GetValue(timeLimit);
            long n = parse.GetValue(requests) ?? (t is null ? 1 : TimeLimitImpliedRequests);
            ValueParsers.Positive(n, "-n");
            ValueParsers.Positive(c, "-c");
            if (t is { } limit && limit <= 0) throw new UsageException($"-t: must be positive, got {limit}");
            if (n < c) throw new UsageException($"cannot use concurrency level greater than total number of requests (-c {c} > -n {n})");
            bool k = parse.GetValue(keepAlive);
            bool l = parse.GetValue(variableLength);
            TimeSpan? duration = t is { } secs ? TimeSpan.FromSeconds(secs) : null;
            var settings = common.Bind(parse, k, checkLength: !l, duration);
            var segment = settings.Segment;
            ValueParsers.NonEmptyShare(segment, c, "-c");
            var profile = AbProfile.ForSegment(n, c, duration, segment);
            var parameters = new List<KeyValuePair<string, object?>>
            {
                new("requests", n), new("concurrency", c), new("keepAlive", k), new("variableLength", l),
                new("timeLimitSeconds", t), new("timeoutSeconds", settings.Setup.Client.Timeout.TotalSeconds),
                new("segmentRequests", profile.Requests), new("segmentConcurrency", profile.Concurrency),
            };
            return await RunExecutor.ExecuteAsync(profile, settings, parameters, profile.Concurrency, l, ct);
        });
        return command;
    }
}
