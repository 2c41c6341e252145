namespace Testbed.Suite.Experiments;

/// <summary>
/// The figures of the <c>machine</c> scope, known before any load runs, for claims whose meaning
/// depends on the set-up rather than on a measurement.
/// </summary>
internal static class MachineFacts
{
    /// <summary>
    /// Cores the servers may run on: the cores they are pinned to, or every usable core when they
    /// are not pinned (then shared with the load generator).
    /// </summary>
    public const string ServerCores = "serverCores";

    public static readonly IReadOnlySet<string> Known = new HashSet<string> { ServerCores };

    public static IReadOnlyDictionary<string, double> Describe(int serverCores) =>
        new Dictionary<string, double> { [ServerCores] = serverCores };
}
