using Testbed.Load.Engine;
using Testbed.Load.Stats;

namespace Testbed.Load.Tests.TestServers;

/// <summary>Runs a profile in-process against a URL, as the commands do, for engine tests.</summary>
internal static class Runs
{
    public static async Task<RunStatistics> RunAsync(ILoadProfile profile, string url, bool keepAlive = true,
        bool checkLength = false, double timeoutSeconds = 5, int seed = 1, CancellationToken interrupt = default,
        TimeSpan? hardStop = null)
    {
        var target = Target.Parse(url);
        var request = target.IsTcp ? RequestTemplate.ForTcp(RequestTemplate.DefaultTcpPayload(target))
            : RequestTemplate.ForHttp(target, "GET", keepAlive, [], null, null);
        var options = new ClientOptions(keepAlive, TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromSeconds(2), checkLength);
        var setup = new RunSetup(target, request, options, seed, hardStop ?? TimeSpan.FromSeconds(30));
        var (stats, _, _, _, _) = await LoadRun.RunAsync(profile, setup, TimeProvider.System, interrupt);
        return stats;
    }
}
