using Testbed.Load.Engine;

namespace Testbed.Load.Tests.Engine;

/// <summary>
/// One load split over N generators: for every profile, the N segments' plans put together are the
/// unsegmented plan (the same units at the same times, none twice), and 1/1 is the plain plan.
/// </summary>
public sealed class SegmentTests
{
    private static readonly int[] Counts = [1, 2, 3, 4, 7];

    private static IEnumerable<Segment> All(int count) => Enumerable.Range(1, count).Select(i => new Segment(i, count));

    [Fact]
    public void ShareOf_EveryTotalAndCount_SharesAddUpAndDifferByAtMostOne()
    {
        for (long total = 0; total <= 60; total++)
        {
            foreach (int n in Counts)
            {
                var shares = All(n).Select(s => s.ShareOf(total)).ToList();
                Assert.Equal(total, shares.Sum());
                Assert.True(shares.Max() - shares.Min() <= 1, $"{total} over {n}: {string.Join(",", shares)}");
            }
        }
        Assert.Equal(333_333_334L, new Segment(1, 3).ShareOf(1_000_000_001L));
    }

    [Fact]
    public void GlobalIndex_AllSegments_CoverEveryUnitOnce()
    {
        const int total = 23;
        foreach (int n in Counts)
        {
            var units = All(n).SelectMany(s => Enumerable.Range(0, (int)s.ShareOf(total)).Select(l => s.GlobalIndex(l))).Order().ToList();
            Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), units);
        }
    }

    [Theory]
    [InlineData(1000L, 50)]
    [InlineData(7L, 7)]
    [InlineData(50_000L, 13)]
    public void AbForSegment_AllSegments_RequestsAndConcurrencyAddUp(long requests, int concurrency)
    {
        foreach (int n in Counts.Where(n => n <= concurrency))
        {
            var parts = All(n).Select(s => AbProfile.ForSegment(requests, concurrency, null, s)).ToList();
            Assert.Equal(requests, parts.Sum(p => p.Requests));
            Assert.Equal(concurrency, parts.Sum(p => p.Concurrency));
            Assert.All(parts, p => Assert.True(p.Requests >= p.Concurrency)); // ab's -n ≥ -c holds for every share
        }
        var whole = AbProfile.ForSegment(requests, concurrency, null, Segment.Whole);
        Assert.Equal((requests, concurrency), (whole.Requests, whole.Concurrency));
    }

    [Fact]
    public void UsersStarts_SpawnRateAndSteps_SegmentsInterleaveIntoTheWholeSchedule()
    {
        var wait = TimeSpan.FromMilliseconds(100);
        var duration = TimeSpan.FromSeconds(10);
        foreach (var schedule in new[] { SpawnSchedule.AtRate(7.5), SpawnSchedule.InSteps(4, TimeSpan.FromSeconds(2)) })
        {
            var whole = new UsersProfile(41, schedule, wait, wait, duration).Starts.ToList();
            Assert.Equal(41, whole.Count);
            Assert.Equal(whole, new UsersProfile(41, schedule, wait, wait, duration, Segment.Whole).Starts);
            foreach (int n in Counts)
            {
                var joined = All(n).SelectMany(s => new UsersProfile(41, schedule, wait, wait, duration, s).Starts)
                    .OrderBy(p => p.Index).ToList();
                Assert.Equal(whole, joined);
                // The spawn rate splits too: at any time the generators together have started what the whole plan has.
                foreach (double t in new[] { 0.0, 0.1, 1.9, 2.0, 3.3, 5.5 })
                {
                    var at = TimeSpan.FromSeconds(t);
                    Assert.Equal(schedule.UsersStartedAt(at, 41), joined.Count(p => p.Offset <= at));
                }
            }
        }
    }

    [Fact]
    public void ThreadsStarts_RampUp_SegmentsInterleaveAndRequestsAddUp()
    {
        var whole = new ThreadsProfile(29, 6, TimeSpan.FromSeconds(3));
        var plan = whole.Starts.ToList();
        Assert.Equal(29L * 6, whole.Requests);
        foreach (int n in Counts)
        {
            var parts = All(n).Select(s => new ThreadsProfile(29, 6, TimeSpan.FromSeconds(3), s)).ToList();
            Assert.Equal(29L * 6, parts.Sum(p => p.Requests));
            Assert.Equal(plan, parts.SelectMany(p => p.Starts).OrderBy(p => p.Index));
        }
    }

    [Fact]
    public void RateStarts_Schedule_SegmentsInterleaveAndHitsAndCapAddUp()
    {
        var whole = new RateProfile(333, TimeSpan.FromSeconds(1.5), 40);
        var plan = whole.Starts.ToList();
        Assert.Equal(500, plan.Count); // ceil(333 × 1.5)
        Assert.Equal(whole.Hits, plan.Count);
        foreach (int n in Counts)
        {
            var parts = All(n).Select(s => new RateProfile(333, TimeSpan.FromSeconds(1.5), 40, s)).ToList();
            Assert.Equal(whole.Hits, parts.Sum(p => p.Hits));
            Assert.Equal(40, parts.Sum(p => p.MaxInFlight));
            Assert.Equal(plan, parts.SelectMany(p => p.Starts).OrderBy(p => p.Index));
        }
    }
}
