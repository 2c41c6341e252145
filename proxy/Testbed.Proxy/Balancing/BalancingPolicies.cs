namespace Testbed.Proxy.Balancing;

/// <summary>
/// The balancing policies the proxy offers: YARP's own names (Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies,
/// whose members are properties, hence the literals; a test checks they agree), used identically on
/// the command line, in appsettings.json, in /proxy/stats and in the ready line.
/// </summary>
internal static class BalancingPolicies
{
    public const string RoundRobin = "RoundRobin";
    public const string LeastRequests = "LeastRequests";
    public const string PowerOfTwoChoices = "PowerOfTwoChoices";
    public const string Random = "Random";

    /// <summary>Defaults to round robin, the policy of the nginx upstream it is compared with.</summary>
    public const string Default = RoundRobin;

    public static readonly IReadOnlyList<string> All = [RoundRobin, LeastRequests, PowerOfTwoChoices, Random];

    /// <summary>Accepts any casing and returns the canonical name, or null for an unknown policy.</summary>
    public static string? Normalize(string name) =>
        All.FirstOrDefault(p => string.Equals(p, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
