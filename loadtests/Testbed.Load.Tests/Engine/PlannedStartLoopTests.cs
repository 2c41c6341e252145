using Testbed.Load.Engine;
using Xunit;

namespace Testbed.Load.Tests.Engine;

/// <summary>
/// The one start loop of the users and threads profiles, run over each profile's own plan (every
/// start due at once, so no wait is there to notice Stop): Stop must still end the starting.
/// </summary>
public sealed class PlannedStartLoopTests
{
    public static TheoryData<string> Profiles => [ProfileNames.Users, ProfileNames.Threads];

    private static IEnumerable<PlannedStart> StartsOf(string profile) => profile == ProfileNames.Users
        ? new UsersProfile(10, SpawnSchedule.InSteps(10, TimeSpan.FromSeconds(1)), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1)).Starts
        : new ThreadsProfile(10, 1, TimeSpan.Zero).Starts;

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task RunAsync_StoppedBeforeTheFirstStart_StartsNoWorker(string profile)
    {
        Assert.All(StartsOf(profile), s => Assert.Equal(TimeSpan.Zero, s.Offset));
        int started = 0;
        await PlannedStartLoop.RunAsync(StartsOf(profile), TimeProvider.System, new CancellationToken(canceled: true), _ =>
        {
            started++;
            return Task.CompletedTask;
        });
        Assert.Equal(0, started);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task RunAsync_StopDuringTheThirdStart_StartsNoFourth(string profile)
    {
        using var stop = new CancellationTokenSource();
        var started = new List<long>();
        await PlannedStartLoop.RunAsync(StartsOf(profile), TimeProvider.System, stop.Token, s =>
        {
            started.Add(s.Index);
            if (started.Count == 3) stop.Cancel();
            return Task.CompletedTask;
        });
        Assert.Equal([0L, 1L, 2L], started);
    }

    [Fact]
    public async Task RunAsync_NotStopped_StartsEveryPlannedStartAndWaitsForItsWorker()
    {
        var plan = new ThreadsProfile(4, 1, TimeSpan.FromMilliseconds(30)).Starts.ToList();
        var finished = 0;
        await PlannedStartLoop.RunAsync(plan, TimeProvider.System, CancellationToken.None, async _ =>
        {
            await Task.Delay(10);
            Interlocked.Increment(ref finished);
        });
        Assert.Equal(4, finished);
    }
}
