using System.Globalization;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;

namespace Testbed.Suite.Running;

/// <summary>
/// Brings up an experiment's roles: with <c>--targets compose</c> it only records each role's
/// service address; locally it finds each role's executable, gives it a free loopback port, starts
/// it (in a cgroup, with its CPU limit) and waits until it is ready.
/// </summary>
internal sealed class RoleStarter(SuiteOptions options, HttpClient http, SuiteProgress progress, string? cores)
{
    /// <summary>Starts every role in file order; false (and the experiment failed) at the first that cannot start.</summary>
    public async Task<bool> StartAsync(ExperimentPlan plan, ExperimentResult result, ExperimentRoles roles, CancellationToken ct)
    {
        foreach (var role in plan.File.Roles)
        {
            var started = options.Targets == TargetModes.Compose
                ? UseComposeService(role, result, roles)
                : await StartLocalAsync(plan, role, result, roles, ct);
            if (!started)
            {
                return false;
            }
        }

        return true;
    }

    private static string Scheme(RoleSpec role) => role.Kind == RoleKinds.Tcp ? "tcp" : "http";

    private static bool UseComposeService(RoleSpec role, ExperimentResult result, ExperimentRoles roles)
    {
        if (role.Compose is null)
        {
            return result.Fail($"role {role.Name} has no compose address");
        }

        var separator = role.Compose.LastIndexOf(':');
        var address = new RoleAddress(role.Compose[..separator], int.Parse(role.Compose[(separator + 1)..], CultureInfo.InvariantCulture), $"{Scheme(role)}://{role.Compose}");
        roles.Addresses[role.Name] = address;
        roles.Remote.Add(role.Name, RemoteRoleSnapshot.StatsUrl(role.Exe, role.Kind, address.Host, address.Port));
        result.Roles.Add(new RoleResult { Name = role.Name, CommandLine = $"(compose service {role.Compose})", Url = address.Url, Cpus = role.Cpus, LimitMethod = CpuLimitMethods.Compose });
        return true;
    }

    private async Task<bool> StartLocalAsync(ExperimentPlan plan, RoleSpec role, ExperimentResult result, ExperimentRoles roles, CancellationToken ct)
    {
        var explicitPath = role.Exe == RoleExecutables.Server ? options.ServerExe : options.ProxyExe;
        if (ExecutableLocator.Find(role.Exe, explicitPath, out var searched) is not (var fileName, var prefix))
        {
            return result.Fail($"{role.Exe} (role {role.Name}) not found; build it first (looked in: {searched})");
        }

        var port = PortAllocator.FreePort();
        roles.Addresses[role.Name] = new RoleAddress("127.0.0.1", port, $"{Scheme(role)}://127.0.0.1:{port}");
        var launch = new RoleLaunch
        {
            Name = role.Name,
            FileName = fileName,
            Arguments = prefix.Concat(role.Args.Select(a => plan.Resolve(a, roles.Addresses, role.Name))).ToList(),
            Http = role.Kind == RoleKinds.Http,
            BaseUrl = $"http://127.0.0.1:{port}",
            Cpus = role.Cpus,
            Limiter = options.CpuLimiter,
            Cores = cores,
            ReadyTimeout = TimeSpan.FromSeconds(role.ReadyTimeoutSeconds),
        };
        var roleResult = new RoleResult { Name = role.Name, CommandLine = launch.CommandLine, Url = roles.Addresses[role.Name].Url, Cpus = role.Cpus };
        progress.Info($"start {role.Name}: {launch.CommandLine}");
        try
        {
            var process = await RoleProcess.StartAsync(launch, http, ct);
            roles.Processes[role.Name] = process;
            result.Roles.Add(roleResult with { LimitMethod = process.LimitMethod });
            if (process.Warning is not null)
            {
                result.Warnings.Add($"{role.Name}: {process.Warning}");
                progress.Info("WARNING " + process.Warning);
            }

            return true;
        }
        catch (RoleStartException e)
        {
            result.Roles.Add(roleResult);
            return result.Fail("start: " + e.Message);
        }
    }
}
