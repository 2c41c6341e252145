using Testbed.Suite.Measurement;

namespace Testbed.Suite.Tests.Measurement;

/// <summary>The classifier as a pure function of hand-made figures: each kind, its precedence, the thresholds' edges, and grading.</summary>
public sealed class LimitClassifierTests
{
    /// <summary>A closed model of 10 users against one role, nothing saturated, unless a test changes it.</summary>
    private static LimitInputs Closed(double rps = 100, double meanMs = 100, double users = 10, double thinkMs = 0, params RoleLimitFigures[] roles) => new()
    {
        Profile = "ab", Rps = rps, MeanMs = meanMs, Completed = 1000, Users = users, ThinkMs = thinkMs, GeneratorShare = 0.2, GeneratorCores = 1,
        Roles = roles.Length > 0 ? roles : [Role()],
    };

    private static RoleLimitFigures Role(string name = "web", double cores = 0.1, double? quota = null, double usable = 1, RoleLoadStats? stats = null) =>
        new() { Role = name, Target = true, Cores = cores, Quota = quota, UsableCores = usable, Stats = stats };

    private static RoleLoadStats Slots(int slots, double busy, double queued, double periods = double.NaN, double throttled = double.NaN) =>
        new() { Role = "web", Slots = slots, AvgBusy = busy, AvgQueued = queued, Periods = periods, ThrottledPeriods = throttled, ThrottledMs = throttled * 10 };

    [Fact]
    public void Classify_OneSlotBusyWithAQueue_SlotsCheckedAtTheServer()
    {
        // 1 req/s, 7.7 s latency: 7.7 in the system = 1 busy + 6.7 queued.
        var limit = LimitClassifier.Classify(Closed(rps: 1, meanMs: 7700, roles: Role(stats: Slots(1, 1, 6.7))));

        Assert.Equal(LimitKinds.Slots, limit.Kind);
        Assert.Equal("web", limit.Role);
        Assert.Equal((7.7, 7.7, true), (Math.Round(limit.LittleLaw!.Expected, 2), limit.LittleLaw.Measured, limit.LittleLaw.Ok));
        Assert.Equal(1, limit.Figures["slots"]);
    }

    [Fact]
    public void Classify_SlotsBusyWithoutAQueue_NotSlots()
    {
        // E1 at c=1: the one slot is always busy, but nobody waits for it: the client's concurrency is the bound.
        var limit = LimitClassifier.Classify(Closed(rps: 1, meanMs: 1000, users: 1, roles: Role(stats: Slots(1, 0.99, 0))));

        Assert.Equal(LimitKinds.None, limit.Kind);
        Assert.Contains("the latency is the service time", limit.Evidence);
    }

    [Theory]
    [InlineData(0.89, LimitKinds.None)]
    [InlineData(0.90, LimitKinds.Slots)]
    public void Classify_BusySlotsAtTheThreshold_SaturatedFrom90Percent(double busyShare, string kind) =>
        Assert.Equal(kind, LimitClassifier.Classify(Closed(rps: 36, meanMs: 2000, users: 72, roles: Role(stats: Slots(36, 36 * busyShare, 30)))).Kind);

    [Fact]
    public void Classify_CpuAtItsCoreWhileSlotsBusy_CpuWins()
    {
        // Nine threads on one core, all busy computing: they wait for the CPU, not for a slot.
        var limit = LimitClassifier.Classify(Closed(rps: 20, meanMs: 500, roles: Role(cores: 0.97, quota: 1, usable: 1, stats: Slots(9, 9, 1))));

        Assert.Equal(LimitKinds.Cpu, limit.Kind);
        Assert.Contains("0.97 of the 1 core(s)", limit.Evidence);
    }

    [Theory]
    [InlineData(0.79, LimitKinds.None)]
    [InlineData(0.80, LimitKinds.Cpu)]
    public void Classify_CpuAtTheThreshold_SaturatedFrom80Percent(double cores, string kind) =>
        Assert.Equal(kind, LimitClassifier.Classify(Closed(roles: Role(cores: cores, usable: 1))).Kind);

    [Fact]
    public void Classify_QuotaBelowTheCores_CpuQuotaWithThrottling()
    {
        var limit = LimitClassifier.Classify(Closed(roles: Role(cores: 0.049, quota: 0.05, usable: 1, stats: Slots(0, 3, 0, periods: 200, throttled: 180))));

        Assert.Equal(LimitKinds.CpuQuota, limit.Kind);
        Assert.Contains("90% of 200 periods throttled", limit.Evidence);
        Assert.Equal(180, limit.Figures["throttledPeriods"]);
    }

    [Fact]
    public void Classify_QuotaThrottledButCpuReadLow_CpuQuotaFromThePeriods()
    {
        var limit = LimitClassifier.Classify(Closed(roles: Role(cores: 0.02, quota: 0.05, usable: 2, stats: Slots(0, 1, 0, periods: 100, throttled: 20))));

        Assert.Equal(LimitKinds.CpuQuota, limit.Kind);
    }

    [Fact]
    public void Classify_TwoRolesSaturated_TheMoreSaturatedOneNamed()
    {
        var lb = Role("lb", cores: 0.85, usable: 1);
        var backend = Role("backend", cores: 0.05, quota: 0.05, usable: 1) with { Target = false };

        var limit = LimitClassifier.Classify(Closed(roles: [lb, backend]));

        Assert.Equal((LimitKinds.CpuQuota, "backend"), (limit.Kind, limit.Role));
    }

    [Fact]
    public void Classify_GeneratorAtItsCoreAndNoRoleSaturated_Generator()
    {
        var limit = LimitClassifier.Classify(Closed(rps: 20000, meanMs: 0.5) with { GeneratorShare = 0.95 });

        Assert.Equal(LimitKinds.Generator, limit.Kind);
        Assert.Contains("95% of its 1 core(s)", limit.Evidence);
    }

    [Fact]
    public void Classify_GeneratorAtItsCoreButARoleSaturated_TheRole()
    {
        var limit = LimitClassifier.Classify(Closed(roles: Role(cores: 0.95, usable: 1)) with { GeneratorShare = 0.95 });

        Assert.Equal(LimitKinds.Cpu, limit.Kind);
    }

    [Fact]
    public void Classify_ThreadsWaitedOnTheRunQueueButLittleCpuUsed_WaitShownNotJudged()
    {
        // A sleeping server's thread pool woken at once on a shared core: much summed wait, no CPU work.
        var limit = LimitClassifier.Classify(Closed(roles: Role(cores: 0.1, usable: 1, stats: new RoleLoadStats { Role = "web", WaitCores = 0.9 })));

        Assert.Equal(LimitKinds.None, limit.Kind);
        Assert.Contains("web CPU 0.1 of 1 (+0.9 waited)", limit.Evidence);
    }

    [Theory]
    [InlineData(0.62, 1.17, LimitKinds.Cpu)]
    [InlineData(0.62, 0.30, LimitKinds.None)]
    [InlineData(0.45, 1.50, LimitKinds.None)]
    public void Classify_HalfTheCoreUsedAndTheRestWaitedFor_CpuOnlyWhenBothHold(double cores, double waited, string kind) =>
        Assert.Equal(kind, LimitClassifier.Classify(Closed(roles: Role(cores: cores, usable: 1, stats: new RoleLoadStats { Role = "web", WaitCores = waited }))).Kind);

    [Fact]
    public void Classify_GeneratorStarvedOfItsCore_GeneratorFromItsDemandOrItsOwnWarning()
    {
        var starved = Closed(rps: 6000, meanMs: 0.6, users: 4) with { GeneratorShare = 0.45, GeneratorDemand = 0.95 };
        var warned = Closed(rps: 6000, meanMs: 0.6, users: 4) with { GeneratorShare = 0.3, GeneratorWarning = "generator: CPU 0.5 s + 0.6 s waiting for a core" };

        Assert.Equal(LimitKinds.Generator, LimitClassifier.Classify(starved).Kind);
        Assert.Contains("with its run-queue wait 95%", LimitClassifier.Classify(starved).Evidence);
        Assert.Contains("its own diagnosis: generator: CPU 0.5 s", LimitClassifier.Classify(warned).Evidence);
    }

    [Fact]
    public void Classify_UsersThinkingMostOfTheirCycle_ThinkTimeWithTheBound()
    {
        // 50 users, 1 s think, 2 ms latency: at most 50 / 1.002 s = 49.9 req/s.
        var limit = LimitClassifier.Classify(Closed(rps: 49.9, meanMs: 2, users: 50, thinkMs: 1000) with { Profile = "users" });

        Assert.Equal(LimitKinds.ThinkTime, limit.Kind);
        Assert.Contains("49.9 req/s bound", limit.Evidence);
        Assert.True(limit.LittleLaw!.Ok);
    }

    [Fact]
    public void Classify_OpenModelMissedItsRate_RateWithTheResourceBehindIt()
    {
        var inputs = new LimitInputs
        {
            Profile = "rate", Rps = 1, MeanMs = 4000, Completed = 10, IntendedRps = 5, AchievedRps = 1, LateStarts = 0, DroppedStarts = 30, InFlight = 4,
            Roles = [Role(stats: Slots(1, 1, 3))],
        };

        var limit = LimitClassifier.Classify(inputs);

        Assert.Equal(LimitKinds.Rate, limit.Kind);
        Assert.Contains("intended 5 req/s, achieved 1 (20%)", limit.Evidence);
        Assert.Contains("behind it: web: 1 of 1 slots busy", limit.Evidence);
        Assert.Equal((4, 4, true), (limit.LittleLaw!.Expected, limit.LittleLaw.Measured, limit.LittleLaw.Ok));
    }

    [Fact]
    public void Classify_OpenModelReachedItsRate_None()
    {
        var inputs = new LimitInputs { Profile = "rate", Rps = 100, MeanMs = 10, Completed = 1000, IntendedRps = 100, AchievedRps = 99.5, InFlight = 1, Roles = [Role()] };

        var limit = LimitClassifier.Classify(inputs);

        Assert.Equal(LimitKinds.None, limit.Kind);
        Assert.Contains("the intended 100 req/s was reached", limit.Evidence);
    }

    [Fact]
    public void Classify_FailuresAndNothingSaturated_ErrorsByKind()
    {
        var inputs = Closed() with { Failed = 50, FailedByKind = new Dictionary<string, long> { ["connectRefused"] = 50 } };

        var limit = LimitClassifier.Classify(inputs);

        Assert.Equal(LimitKinds.Errors, limit.Kind);
        Assert.Contains("50 connectRefused (refused: the accept queue was full, or the role is dead)", limit.Evidence);
    }

    [Fact]
    public void Classify_TimeoutsBehindASaturatedQuota_TheQuota()
    {
        var inputs = Closed(roles: Role(cores: 0.05, quota: 0.05)) with { Failed = 100, FailedByKind = new Dictionary<string, long> { ["responseTimeout"] = 100 } };

        Assert.Equal(LimitKinds.CpuQuota, LimitClassifier.Classify(inputs).Kind);
    }

    [Fact]
    public void Classify_ServerCountsDisagreeWithLittle_Flagged()
    {
        // 1 req/s at 7.7 s is 7.7 in the system; the server claims 2: one of the two readings is wrong.
        var limit = LimitClassifier.Classify(Closed(rps: 1, meanMs: 7700, roles: Role(stats: Slots(1, 1, 1))));

        Assert.False(limit.LittleLaw!.Ok);
    }

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(10, 12.5, true)]
    [InlineData(10, 12.6, false)]
    [InlineData(10, 7.4, false)]
    [InlineData(0.2, 0.7, true)]
    [InlineData(0.2, 0.8, false)]
    public void LittleLawOf_Tolerance_25PercentOrHalfARequest(double expected, double measured, bool ok) =>
        Assert.Equal(ok, LittleLawCheck.Of(expected, measured, "t")!.Ok);

    [Fact]
    public void LittleLawOf_UnknownFigure_NoCheck() => Assert.Null(LittleLawCheck.Of(double.NaN, 3, "t"));

    [Fact]
    public void Grade_KindsMatchAndLittleAgrees_Reproduced()
    {
        var limit = LimitClassifier.Classify(Closed(rps: 1, meanMs: 7700, roles: Role(stats: Slots(1, 1, 6.7))));

        Assert.Equal("reproduced", LimitClassifier.Grade(limit, "slots").Verdict);
        Assert.Equal(("not reproduced", "cpu", "slots"), (LimitClassifier.Grade(limit, "cpu").Verdict, LimitClassifier.Grade(limit, "cpu").Expected, LimitClassifier.Grade(limit, "cpu").Kind));
        Assert.Null(LimitClassifier.Grade(limit, null).Verdict);
    }

    [Fact]
    public void Grade_KindsMatchButLittleDisagrees_NotEvaluated()
    {
        var limit = LimitClassifier.Classify(Closed(rps: 1, meanMs: 7700, roles: Role(stats: Slots(1, 1, 1))));

        var graded = LimitClassifier.Grade(limit, "slots");

        Assert.Equal("not evaluated", graded.Verdict);
        Assert.StartsWith("Little's law disagrees", graded.VerdictReason);
    }

    [Fact]
    public void Grade_Unmeasured_NotEvaluatedWithTheReason() =>
        Assert.Equal(("not evaluated", "backend2 exited"), (LimitClassifier.Grade(LimitClassifier.Unmeasured("backend2 exited"), "cpu-quota").Verdict, LimitClassifier.Grade(LimitClassifier.Unmeasured("backend2 exited"), "cpu-quota").VerdictReason));

    [Theory]
    [InlineData(1.05, 60.0)]
    [InlineData(3.5, 25.7)]
    public void LimitInputsFrom_ShortRun_ConfiguredThreadsElseTheTimeWeightedSamples(double seconds, double users)
    {
        // A 1 s run's one sample caught the drain (27 of 60 threads): the configured count is read.
        // A 3.5 s run: 30, 30, 30 and a last half second at 0, weighted by the time each covers: 90 / 3.5.
        var series = seconds < 3
            ? new List<TimeSeriesPointDocument> { new() { Second = 1, Users = 27 }, new() { Second = 2, Users = 27 } }
            : [new() { Second = 1, Users = 30 }, new() { Second = 2, Users = 30 }, new() { Second = 3, Users = 30 }, new() { Second = 4, Users = 0 }];
        var run = new RunRecordDocument
        {
            Profile = "threads", Rps = 280, DurationSeconds = seconds, TimeSeries = series,
            Parameters = [new KeyValuePair<string, object?>("threads", 60)],
        };

        var inputs = LimitInputs.From(new MeasuredLoad(run, [], [], "", [], [], []), "web", _ => null, 1);

        Assert.Equal(users, Math.Round(inputs.Users, 1));
    }

    [Fact]
    public void RoleLoadStatsBetween_TwoReadings_MeansOverTheDurationAndThrottledShare()
    {
        var before = new RoleStatsReading { Slots = 36, BusyMs = 1000, QueuedMs = 0, NrPeriods = 10, NrThrottled = 1, ThrottledMs = 5 };
        var after = new RoleStatsReading { Slots = 36, BusyMs = 73000, QueuedMs = 20000, NrPeriods = 110, NrThrottled = 51, ThrottledMs = 205 };

        var stats = RoleLoadStats.Between("web", before, after, 2000);

        Assert.Equal((36, 36.0, 10.0, 0.5, 200.0), (stats.Slots!.Value, stats.AvgBusy, stats.AvgQueued, stats.ThrottledShare, stats.ThrottledMs));
    }

    [Fact]
    public void RoleStatsReadingParse_WebProxyAndTcpAnswers_TheirFigures()
    {
        var web = RoleStatsReading.Parse("""{"slots":36,"busyMs":12.5,"queuedMs":3,"inFlight":2,"queued":1,"process":{"nrPeriods":7,"nrThrottled":2,"throttledMs":1.5,"quotaCores":0.05}}""")!;
        var proxy = RoleStatsReading.Parse("""{"inFlight":4,"busyMs":99,"process":{"cpuMs":1}}""")!;
        var tcp = RoleStatsReading.Parse("""{"openNow":3,"busyMs":10,"childSpawnMs":40}""")!;

        Assert.Equal((36, 12.5, 3.0, 7L, 2L, 0.05), (web.Slots!.Value, web.BusyMs!.Value, web.QueuedMs!.Value, web.NrPeriods!.Value, web.NrThrottled!.Value, web.QuotaCores!.Value));
        Assert.Equal((null, 4.0, 99.0, null), (proxy.Slots, proxy.InFlight!.Value, proxy.BusyMs!.Value, proxy.NrPeriods));
        Assert.Equal((3.0, 40.0), (tcp.InFlight!.Value, tcp.ChildSpawnMs!.Value));
    }
}
