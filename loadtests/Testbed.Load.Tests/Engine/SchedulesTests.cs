using Testbed.Load.Engine;

namespace Testbed.Load.Tests.Engine;

/// <summary>Pacing and ramp-up are pure functions of elapsed time: tested without any clock.</summary>
public sealed class SchedulesTests
{
    [Fact]
    public void Pace_AtRate100_HitKDueAtKTimesTenMs()
    {
        var pacer = new ConstantPacer(100);
        Assert.Equal(TimeSpan.Zero, pacer.Pace(TimeSpan.Zero, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(10), pacer.Pace(TimeSpan.Zero, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(4), pacer.Pace(TimeSpan.FromMilliseconds(6), 1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), pacer.IntendedOffset(50));
    }

    [Fact]
    public void Pace_LateWakeUp_OverdueHitsAreDueAtOnce()
    {
        var pacer = new ConstantPacer(1000);
        // 50 ms late: hits 0..49 are all due now, hit 50 is due in 0 and hit 51 in 1 ms.
        var elapsed = TimeSpan.FromMilliseconds(50);
        for (int k = 0; k <= 50; k++) Assert.Equal(TimeSpan.Zero, pacer.Pace(elapsed, k));
        Assert.Equal(TimeSpan.FromMilliseconds(1), pacer.Pace(elapsed, 51));
    }

    [Fact]
    public void Pace_SimulatedRun_SendsRateTimesDuration()
    {
        // Drive the pacer with a simulated clock that jumps to each requested wake-up (plus 0.3 ms of
        // oversleep, as a real timer would): the run still sends exactly rate × duration hits.
        var pacer = new ConstantPacer(250);
        var duration = TimeSpan.FromSeconds(2);
        var now = TimeSpan.Zero;
        long hits = 0;
        long total = pacer.HitsIn(duration);
        while (hits < total)
        {
            var wait = pacer.Pace(now, hits);
            if (wait > TimeSpan.Zero) { now += wait + TimeSpan.FromTicks(3000); continue; }
            Assert.True(now - pacer.IntendedOffset(hits) < TimeSpan.FromMilliseconds(1));
            hits++;
        }
        Assert.Equal(500, hits);
        Assert.True(now < duration);
    }

    [Fact]
    public void StartOffset_SpawnRate10_UserIAtITenths()
    {
        var s = SpawnSchedule.AtRate(10);
        Assert.Equal(TimeSpan.Zero, s.StartOffset(0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), s.StartOffset(1));
        Assert.Equal(TimeSpan.FromSeconds(2.5), s.StartOffset(25));
        Assert.Equal(11, s.UsersStartedAt(TimeSpan.FromSeconds(1), 100));
        Assert.Equal(100, s.UsersStartedAt(TimeSpan.FromMinutes(1), 100));
    }

    [Fact]
    public void StartOffset_Steps_KUsersEverySSeconds()
    {
        var s = SpawnSchedule.InSteps(5, TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, s.StartOffset(4));
        Assert.Equal(TimeSpan.FromSeconds(3), s.StartOffset(5));
        Assert.Equal(TimeSpan.FromSeconds(6), s.StartOffset(12));
        Assert.Equal(5, s.UsersStartedAt(TimeSpan.FromSeconds(2.9), 20));
        Assert.Equal(10, s.UsersStartedAt(TimeSpan.FromSeconds(3), 20));
        Assert.Equal(20, s.UsersStartedAt(TimeSpan.FromSeconds(100), 20));
    }

    [Fact]
    public void StartOffset_RampUp10sOver5Threads_EvenlySpaced()
    {
        var r = new RampUpSchedule(5, TimeSpan.FromSeconds(10));
        Assert.Equal([0.0, 2, 4, 6, 8], Enumerable.Range(0, 5).Select(i => r.StartOffset(i).TotalSeconds));
        Assert.Equal(TimeSpan.Zero, new RampUpSchedule(5, TimeSpan.Zero).StartOffset(4));
    }
}
