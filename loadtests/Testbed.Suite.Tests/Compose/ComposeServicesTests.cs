using System.Globalization;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Compose;

/// <summary>
/// One truth for a role: every compose service an experiment's role maps to runs the set-up the
/// experiment file starts locally (program, mode, workers, threads, CPU limit, TCP child, balancer
/// policy and backends), in docker-compose.yml alone and with docker-compose.hostnet.yml over it;
/// and each experiment's profile starts exactly the services its roles map to.
/// </summary>
public sealed class ComposeServicesTests
{
    private static readonly string Base = Path.Combine(SuiteTestData.Root, "docker-compose.yml");
    private static readonly string HostNet = Path.Combine(SuiteTestData.Root, "docker-compose.hostnet.yml");

    public static TheoryData<string> ComposeFileSets => new() { "default", "hostnet" };

    [Theory]
    [MemberData(nameof(ComposeFileSets))]
    public void Services_EveryExperimentRole_RunsTheSetUpOfItsExperimentFile(string files)
    {
        var services = files == "hostnet" ? ComposeFile.Load(Base, HostNet) : ComposeFile.Load(Base);
        var differences = new List<string>();
        foreach (var experiment in ExperimentLoader.LoadDirectory(SuiteTestData.ExperimentsDirectory))
        {
            var roles = experiment.Roles.ToDictionary(r => r.Name);
            foreach (var role in experiment.Roles)
            {
                var (serviceName, port) = Split(role.Compose!);
                if (!services.TryGetValue(serviceName, out var service))
                {
                    differences.Add($"{experiment.Id} {role.Name}: no service {serviceName}");
                    continue;
                }

                var local = FromExperiment(role, roles);
                var composed = FromService(service, role.Kind, services);
                if (local != composed)
                {
                    differences.Add($"{experiment.Id} {role.Name}: the experiment file runs {local}, service {serviceName} runs {composed}");
                }

                if (ListenPort(service, role.Kind) != port)
                {
                    differences.Add($"{experiment.Id} {role.Name}: service {serviceName} listens on {ListenPort(service, role.Kind)}, not {port}");
                }

                if (role.Kind == RoleKinds.Tcp && Flag(service.Command, "--stats-port") != (port + RemoteRoleSnapshot.TcpStatsPortOffset).ToString(CultureInfo.InvariantCulture))
                {
                    differences.Add($"{experiment.Id} {role.Name}: service {serviceName} has no --stats-port {port + RemoteRoleSnapshot.TcpStatsPortOffset}, where the suite reads its figures");
                }

                if (!service.Profiles.Contains(experiment.Id) || !service.Profiles.Contains("all"))
                {
                    differences.Add($"{experiment.Id} {role.Name}: service {serviceName} is not in profiles {experiment.Id} and all ([{string.Join(", ", service.Profiles)}])");
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void Profiles_EachExperimentProfile_NamesOnlyItsRolesServices()
    {
        var services = ComposeFile.Load(Base);
        foreach (var experiment in ExperimentLoader.LoadDirectory(SuiteTestData.ExperimentsDirectory))
        {
            var needed = experiment.Roles.Select(r => Split(r.Compose!).Service).Order().Distinct();
            var started = services.Values.Where(s => s.Profiles.Contains(experiment.Id)).Select(s => s.Name).Order();
            Assert.Equal(needed, started);
        }

        // The suite has no profile (it always starts) and no depends_on (Compose v1 refuses one on an inactive profile).
        Assert.Empty(services["suite"].Profiles);
        Assert.DoesNotContain("depends_on", File.ReadAllText(Base).Split("\n  suite:")[1]);
    }

    [Fact]
    public void FromService_WorkersDifferFromFile_IsADifference()
    {
        // The check itself can fail: E4's threaded role as it was in docker-compose.yml before (4 × 9).
        var role = new RoleSpec { Name = "threaded", Exe = RoleExecutables.Server, Args = ["web", "--mode", "threaded", "--workers", "1", "--threads", "9", "--urls", "{url}"], Cpus = 1.0 };
        var service = new ComposeService("web-cpu-threaded", "testbed/server:latest", "1.0", [], new Dictionary<string, string> { ["TESTBED_MODE"] = "threaded", ["TESTBED_WORKERS"] = "4", ["TESTBED_THREADS"] = "9" }, ["all", "e4"]);
        Assert.NotEqual(FromExperiment(role, new() { ["threaded"] = role }), FromService(service, RoleKinds.Http, []));
    }

    private static (string Service, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static RoleSetup FromExperiment(RoleSpec role, Dictionary<string, RoleSpec> roles)
    {
        var args = role.Args;
        if (role.Exe == RoleExecutables.Proxy)
        {
            var backends = Flags(args, "--backend").Select(b => b.Trim('{', '}').Split(':')[1]).Select(r => roles[r].Compose!);
            return Proxy(Flag(args, "--policy"), backends, role.Cpus);
        }

        return Server(args[0], Flag(args, "--mode"), Flag(args, "--workers"), Flag(args, "--threads"), role.Cpus, Flag(args, "--child"));
    }

    private static RoleSetup FromService(ComposeService service, string kind, Dictionary<string, ComposeService> services)
    {
        var cpus = ComposeFile.Interpolate(service.Cpus) is { Length: > 0 } c ? double.Parse(c, CultureInfo.InvariantCulture) : (double?)null;
        var command = service.Command.Select(a => ComposeFile.Interpolate(a)!).ToList();
        string? Env(string name) => service.Environment.TryGetValue(name, out var v) ? (ComposeFile.IsVariable(v) ? "variable " + v : v) : null;
        if (service.Image?.StartsWith("testbed/proxy", StringComparison.Ordinal) == true)
        {
            // A backend URL names a service and port; the experiment names it by role, whose address is the same pair.
            var backends = Flags(command, "--backend").Select(u => new Uri(u)).Select(u => $"{u.Host}:{u.Port}");
            return Proxy(Flag(command, "--policy"), backends, cpus);
        }

        var subcommand = command.Count > 0 ? command[0] : "web"; // the server image's CMD is ["web"]
        return Server(subcommand, Flag(command, "--mode") ?? Env("TESTBED_MODE"), Flag(command, "--workers") ?? Env("TESTBED_WORKERS"), Flag(command, "--threads") ?? Env("TESTBED_THREADS"), cpus, Flag(command, "--child"));
    }

    private static RoleSetup Server(string subcommand, string? mode, string? workers, string? threads, double? cpus, string? child)
    {
        var web = subcommand == "web";
        mode ??= web ? "threaded" : "single"; // the defaults of testbed-server web and tcp
        var workerCount = int.TryParse(workers ?? "1", CultureInfo.InvariantCulture, out var w) ? w : -1;
        int? threadCount = web && mode == "threaded" ? (int.TryParse(threads ?? "9", CultureInfo.InvariantCulture, out var t) ? t : -1) : null;
        return new RoleSetup(RoleExecutables.Server + " " + subcommand, mode, workerCount, threadCount, cpus, child, null, "");
    }

    private static RoleSetup Proxy(string? policy, IEnumerable<string> backends, double? cpus) =>
        new(RoleExecutables.Proxy, null, 1, null, cpus, null, policy ?? "RoundRobin", string.Join(", ", backends.Order()));

    private static int ListenPort(ComposeService service, string kind)
    {
        var url = kind == RoleKinds.Tcp ? null : Flag(service.Command, "--urls") ?? service.Environment.GetValueOrDefault("TESTBED_URLS");
        return url is not null ? new Uri(url).Port : int.Parse(Flag(service.Command, "--port") ?? "0", CultureInfo.InvariantCulture);
    }

    private static string? Flag(IReadOnlyList<string> args, string name) => Flags(args, name).LastOrDefault();

    private static IEnumerable<string> Flags(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                yield return args[i + 1];
            }
        }
    }
}
