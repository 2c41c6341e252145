namespace Testbed.Suite.Measurement;

/// <summary>
/// The thresholds of <see cref="LimitClassifier"/>, documented in docs/suite.md ("Reading a
/// report"). Ratios are of the cap (slots, cores, quota, intended rate).
/// </summary>
internal static class LimitThresholds
{
    /// <summary>Slots are saturated at ≥ 90% busy on average, with a queue.</summary>
    public const double SlotsBusy = 0.9;

    /// <summary>Slots limit only when requests also waited for them: at least half a request queued on average.</summary>
    public const double SlotsQueue = 0.5;

    /// <summary>
    /// CPU (or a quota) is saturated at ≥ 80% of its cap. Lower than for slots: a CPU-bound server
    /// still leaves its core idle while a response crosses the loopback and the next request
    /// arrives, and on a shared machine other processes take part of the same core.
    /// </summary>
    public const double CpuBusy = 0.8;

    /// <summary>
    /// A role that used at least half its cores and whose threads waited on the run queue for the
    /// rest (used + waited ≥ the cap) is CPU-bound on a core it shares with other processes. Below
    /// half, the wait is not judged: it is summed over threads, and a pool of threads woken at once
    /// reads as cores wanted by a server that mostly sleeps.
    /// </summary>
    public const double CpuBusyWithWait = 0.5;

    /// <summary>A quota bit when at least 20% of the cgroup's periods were throttled.</summary>
    public const double ThrottledShare = 0.2;

    /// <summary>The generator is saturated at ≥ 90% of its usable core(s) (the "over 90% of its core").</summary>
    public const double GeneratorBusy = 0.9;

    /// <summary>Think time bounds a closed model when it is at least half of a user's cycle (think ÷ (latency + think)).</summary>
    public const double ThinkShare = 0.5;

    /// <summary>An open model reached its rate at ≥ 95% of the intended rate, with under 5% of starts late or dropped.</summary>
    public const double RateReached = 0.95;

    /// <summary>Late or dropped starts above this share of the planned starts mean the rate was not kept.</summary>
    public const double LateShare = 0.05;

    /// <summary>Errors limit a step when at least 1% of the requests failed (or were non-2xx) and no resource was saturated.</summary>
    public const double ErrorShare = 0.01;

    /// <summary>Little's law agrees when the measured in-flight is within 25% of rate × latency (or within half a request).</summary>
    public const double LittleTolerance = 0.25;

    /// <summary>The absolute slack of the Little's law check, in requests, for tiny in-flight counts.</summary>
    public const double LittleSlack = 0.5;
}
