namespace Testbed.Suite.Launch;

/// <summary>Which mechanism applies the roles' CPU limits (<c>--cpu-limiter</c>).</summary>
internal static class CpuLimiters
{
    /// <summary>cgroup when one can be created (root), else cpulimit, else none with a warning.</summary>
    public const string Auto = "auto";

    /// <summary>cpulimit even when a cgroup is available (the cgroup then only counts CPU): the non-root path, testable as root.</summary>
    public const string Cpulimit = "cpulimit";

    public static readonly IReadOnlyList<string> All = [Auto, Cpulimit];
}
