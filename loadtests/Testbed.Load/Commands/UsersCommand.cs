using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Engine;

namespace Testbed.Load.Commands;

/// <summary>
/// <c>testbed-load users</c>: Locust / nGrinder virtual users with think time, started at a spawn
/// rate or in steps, for a fixed duration.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users", "-u") { Description = "Number of virtual users", Required = true };
        var spawnRate = new Option<double?>("--spawn-rate", "-r") { Description = "Users started per second. Defaults to all at once unless --step-users is given" };
        var stepUsers = new Option<int?>("--step-users") { Description = "Start this many more users every --step-seconds (nGrinder ramp-up)" };
        var stepSeconds = new Option<double?>("--step-seconds") { Description = "Seconds between steps" };
        var wait = new Option<string>("--wait") { Description = "Think time MIN-MAX, uniform; bare numbers are milliseconds (\"500-1500\", \"1s-3s\"). Defaults to 0", DefaultValueFactory = _ => "0" };
        var duration = new Option<string>("--duration", "-d") { Description = "How long users run: 30, 30s, 2m", Required = true };
        var noKeepAlive = new Option<bool>("--no-keep-alive") { Description = "A new connection per request (users keep theirs by default, as Locust does)" };
        var common = new CommonOptions();
        var command = new Command(ProfileNames.Users, "Virtual users looping request + think time (Locust, nGrinder)");
        foreach (var o in new Option[] { users, spawnRate, stepUsers, stepSeconds, wait, duration, noKeepAlive }) command.Options.Add(o);
        common.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(users);
            ValueParsers.Positive(n, "--users");
            var d = ValueParsers.Duration(parse.GetValue(duration)!, "--duration", TimeSpan.FromSeconds(1));
            if (d <= TimeSpan.Zero) throw new UsageException("--duration: must be positive");
            var (waitMin, waitMax) = ValueParsers.WaitRange(parse.GetValue(wait)!, "--wait");
            double? rate = parse.GetValue(spawnRate);
            int? stepN = parse.GetValue(stepUsers);
            double? stepS = parse.GetValue(stepSeconds);
            SpawnSchedule schedule;
            if (stepN is not null || stepS is not null)
            {
                if (rate is not null) throw new UsageException("use either --spawn-rate or --step-users/--step-seconds, not both");
                if (stepN is not { } k || stepS is not { } s) throw new UsageException("--step-users and --step-seconds go together");
                ValueParsers.Positive(k, "--step-users");
                if (s <= 0) throw new UsageException($"--step-seconds: must be positive, got {s}");
                schedule = SpawnSchedule.InSteps(k, TimeSpan.FromSeconds(s));
            }
            else
            {
                double r = rate ?? n * 1000.0; // all at once, spread over a millisecond
                if (r <= 0) throw new UsageException($"--spawn-rate: must be positive, got {r}");
                schedule = SpawnSchedule.AtRate(r);
            }
            bool keepAlive = !parse.GetValue(noKeepAlive);
            // 10 000 users each hold a buffer: keep them small (they grow only for large header blocks).
            int buffer = n > 1000 ? 2048 : Engine.ClientOptions.DefaultReceiveBufferBytes;
            var settings = common.Bind(parse, keepAlive, checkLength: false, d, buffer);
            var segment = settings.Segment;
            ValueParsers.NonEmptyShare(segment, n, "--users");
            var profile = new UsersProfile(n, schedule, waitMin, waitMax, d, segment);
            var parameters = new List<KeyValuePair<string, object?>>
            {
                new("users", n), new("spawnRate", rate), new("stepUsers", stepN), new("stepSeconds", stepS),
                new("waitMinMs", waitMin.TotalMilliseconds), new("waitMaxMs", waitMax.TotalMilliseconds),
                new("durationSeconds", d.TotalSeconds), new("keepAlive", keepAlive),
                new("timeoutSeconds", settings.Setup.Client.Timeout.TotalSeconds),
                new("segmentUsers", segment.ShareOf(n)),
            };
            return await RunExecutor.ExecuteAsync(profile, settings, parameters, segment.ShareOf(n), variableLength: true, ct);
        });
        return command;
    }
}
