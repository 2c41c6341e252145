using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Engine;

namespace Testbed.Load.Commands;

/// <summary><c>testbed-load threads</c>: a JMeter thread group (threads, loops, ramp-up).</summary>
internal static class ThreadsCommand
{
    public static Command Create()
    {
        var threads = new Option<int>("--threads", "-t") { Description = "Number of threads (async clients, not OS threads)", Required = true };
        var loops = new Option<int>("--loops", "-l") { Description = "Requests each thread sends back to back. Defaults to 1", DefaultValueFactory = _ => 1 };
        var rampUp = new Option<double>("--ramp-up") { Description = "Seconds over which the threads start evenly. Defaults to 0", DefaultValueFactory = _ => 0 };
        var noKeepAlive = new Option<bool>("--no-keep-alive") { Description = "A new connection per request (JMeter keeps connections by default)" };
        var common = new CommonOptions();
        var command = new Command(ProfileNames.Threads, "A JMeter thread group: T threads started over the ramp-up, L requests each");
        foreach (var o in new Option[] { threads, loops, rampUp, noKeepAlive }) command.Options.Add(o);
        common.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            int t = parse.GetValue(threads);
            int l = parse.GetValue(loops);
            double ramp = parse.GetValue(rampUp);
            ValueParsers.Positive(t, "--threads");
            ValueParsers.Positive(l, "--loops");
            ValueParsers.NotNegative(ramp, "--ramp-up");
            bool keepAlive = !parse.GetValue(noKeepAlive);
            int buffer = t > 1000 ? 2048 : ClientOptions.DefaultReceiveBufferBytes;
            var settings = common.Bind(parse, keepAlive, checkLength: false, duration: null, buffer);
            var segment = settings.Segment;
            ValueParsers.NonEmptyShare(segment, t, "--threads");
            var profile = new ThreadsProfile(t, l, TimeSpan.FromSeconds(ramp), segment);
            var parameters = new List<KeyValuePair<string, object?>>
            {
                new("threads", t), new("loops", l), new("rampUpSeconds", ramp), new("keepAlive", keepAlive),
                new("timeoutSeconds", settings.Setup.Client.Timeout.TotalSeconds),
                new("segmentThreads", segment.ShareOf(t)), new("segmentRequests", profile.Requests),
            };
            return await RunExecutor.ExecuteAsync(profile, settings, parameters, segment.ShareOf(t), variableLength: true, ct);
        });
        return command;
    }
}
