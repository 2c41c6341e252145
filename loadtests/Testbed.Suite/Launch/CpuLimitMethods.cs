namespace Testbed.Suite.Launch;

/// <summary>How a role's CPU limit was applied; shown in the report beside every limited role.</summary>
internal static class CpuLimitMethods
{
    public const string CgroupV1 = "cgroup v1 (cpu.cfs_quota_us)";
    public const string CgroupV2 = "cgroup v2 (cpu.max)";
    public const string Cpulimit = "cpulimit";
    public const string Compose = "compose (cpus:)";
    public const string None = "none";
}
