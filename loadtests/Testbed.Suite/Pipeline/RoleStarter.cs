using System.Globalization;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Brings up an experiment's roles: with <c>--targets compose</c> it only records each role's
/// service address; locally it finds each role's executable, gives it a free loopback port, starts
/// it (in a cgroup, with its CPU limit) and waits until it is ready.
/// </summary>
internal sealed class RoleStarter(SuiteOptions options, HttpClient http, SuiteProgress progress, string? cores)
{
    /// <summary>
    /// Starts every role in file order into <paramref name="roles"/> (the live processes, killed when
    /// it is disposed), up to the first that cannot start (the outcome's failure).
    /// </summary>
    public async Task<RolesOutcome> StartAsync(ExperimentPlan plan, ExperimentRoles roles, CancellationToken ct)
    {
        var results = new List<RoleResult>();
        var warnings = new List<string>();
        foreach (var role in plan.File.Roles)
        {
            var (result, warning, failure) = options.Targets == TargetModes.Compose
                ? UseComposeService(role, roles)
                : await StartLocalAsync(plan, role, roles, ct);
            if (result is not null)
            {
                results.Add(result);
            }

            if (warning is not null)
            {
                warnings.Add(warning);
            }

            if (failure is not null)
            {
                return new RolesOutcome(results, warnings, failure);
            }
        }

        return new RolesOutcome(results, warnings, null);
    }

    private static string Scheme(RoleSpec role) => role.Kind == RoleKinds.Tcp ? "tcp" : "http";

    private static (RoleResult? Role, string? Warning, string? Failure) UseComposeService(RoleSpec role, ExperimentRoles roles)
    {
        if (role.Compose is null)
        {
            return (null, null, $"role {role.Name} has no compose address");
        }

        var separator = role.Compose.LastIndexOf(':');
        var address = new RoleAddress(role.Compose[..separator], int.Parse(role.Compose[(separator + 1)..], CultureInfo.InvariantCulture), $"{Scheme(role)}://{role.Compose}");
        roles.Addresses[role.Name] = address;
        roles.Remote.Add(role.Name, RemoteRoleSnapshot.StatsUrl(role.Exe, role.Kind, address.Host, address.Port));
        return (new RoleResult { Name = role.Name, CommandLine = $"(compose service {role.Compose})", Url = address.Url, Cpus = role.Cpus, LimitMethod = CpuLimitMethods.Compose }, null, null);
    }

    private async Task<(RoleResult? Role, string? Warning, string? Failure)> StartLocalAsync(ExperimentPlan plan, RoleSpec role, ExperimentRoles roles, CancellationToken ct)
    {
        var explicitPath = role.Exe == RoleExecutables.Server ? options.ServerExe : options.ProxyExe;
        if (ExecutableLocator.Find(role.Exe, explicitPath, out var searched) is not (var fileName, var prefix))
        {
            return (null, null, $"{role.Exe} (role {role.Name}) not found; build it first (looked in: {searched})");
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
            if (process.Warning is not null)
            {
                progress.Info("WARNING " + process.Warning);
            }

            return (roleResult with { LimitMethod = process.LimitMethod }, process.Warning is null ? null : $"{role.Name}: {process.Warning}", null);
        }
        catch (RoleStartException e)
        {
            return (roleResult, null, "start: " + e.Message);
        }
    }
}
