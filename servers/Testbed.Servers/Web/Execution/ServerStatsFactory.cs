using Testbed.Common;

namespace Testbed.Servers.Web.Execution;

/// <summary>Picks where a process keeps its /stats counters: its supervisor's shared block, or its own.</summary>
internal static class ServerStatsFactory
{
    public static ServerStats Create(WebServerOptions options)
    {
        if (options.WorkerIndex is { } index
            && StatsBlock.OpenShared(StatsBlock.SharedPath(ProcessFigures.ParentOfSelf()), options.Workers) is { } block)
        {
            return new ServerStats(block, index);
        }

        // A worker started by hand, or a supervisor whose file is gone: counts for this process only.
        return new ServerStats();
    }
}
