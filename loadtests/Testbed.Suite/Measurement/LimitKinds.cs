namespace Testbed.Suite.Measurement;

/// <summary>The kinds of <see cref="StepLimit"/>: what limited a step's throughput (docs/suite.md, "Reading a report").</summary>
internal static class LimitKinds
{
    /// <summary>The server's slots were all busy and requests queued for them.</summary>
    public const string Slots = "slots";

    /// <summary>A role used the cores it may use (its pinned cores, or the machine's).</summary>
    public const string Cpu = "cpu";

    /// <summary>A role used its CPU quota (a cgroup limit below its cores, or cpulimit), throttled.</summary>
    public const string CpuQuota = "cpu-quota";

    /// <summary>The load generator used its core(s) while no role was saturated.</summary>
    public const string Generator = "generator";

    /// <summary>A closed model's users spent most of their cycle thinking: throughput = users ÷ (latency + think).</summary>
    public const string ThinkTime = "think-time";

    /// <summary>An open model's intended rate was not reached (or its starts were late or dropped).</summary>
    public const string Rate = "rate";

    /// <summary>Requests failed (refused, reset, timed out) while no resource was saturated.</summary>
    public const string Errors = "errors";

    /// <summary>Nothing saturated: the concurrency the load offered, over the service time.</summary>
    public const string None = "none";

    /// <summary>Not a finding: the step has no kept run (it failed or a role died), used only to grade an expectation.</summary>
    public const string Unmeasured = "unmeasured";

    /// <summary>The kinds an experiment file's <c>expectLimit</c> may name.</summary>
    public static readonly IReadOnlyList<string> All = [Slots, Cpu, CpuQuota, Generator, ThinkTime, Rate, Errors, None];
}
