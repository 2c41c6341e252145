namespace Testbed.Suite.Experiments;

/// <summary>Reserved scope of claim references: <c>param.users</c> reads a run parameter.</summary>
internal static class ScopeNames
{
    public const string Param = "param";
}
