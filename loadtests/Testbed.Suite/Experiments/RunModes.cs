namespace Testbed.Suite.Experiments;

/// <summary>Parameter sets of an experiment file, chosen by --quick (the default) or --full.</summary>
internal static class RunModes
{
    public const string Quick = "quick";
    public const string Full = "full";
}
