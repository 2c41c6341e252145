namespace Testbed.Suite.Experiments;

/// <summary>
/// Reserved scopes of claim references: <c>param.users</c> reads a run parameter,
/// <c>machine.serverCores</c> a fact about where the run happens (<see cref="MachineFacts"/>).
/// </summary>
internal static class ScopeNames
{
    public const string Param = "param";

    public const string Machine = "machine";

    public static bool IsReserved(string name) => name is Param or Machine;
}
