using Testbed.Load.Capacity;

namespace Testbed.Load.Tests.Capacity;

/// <summary>The search's bracketing and bisection, driven by a probe that passes exactly up to a known rate.</summary>
public sealed class CapacitySearchTests
{
    private static Func<double, CancellationToken, Task<CapacityProbe>> PassesUpTo(double capacity, List<double> rates) => (rate, _) =>
    {
        rates.Add(rate);
        return Task.FromResult(new CapacityProbe(rate, rate, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], rate <= capacity, null));
    };

    [Theory]
    [InlineData(10, 73)]
    [InlineData(10, 5000)]
    [InlineData(500, 73)]
    [InlineData(10, 10)]
    public async Task Run_KnownCapacity_BracketHoldsItWithinResolution(double start, double capacity)
    {
        var rates = new List<double>();
        var search = new CapacitySearch(new CapacitySearchOptions(start, 1, 100_000, 0.05, TimeSpan.FromMinutes(5), TimeSpan.Zero), TimeProvider.System);
        var r = await search.RunAsync("p99<1s", PassesUpTo(capacity, rates), null, default);
        Assert.Equal("resolution", r.Stop);
        Assert.True(r.Low <= capacity && capacity < r.High, $"{r.Low}..{r.High}");
        Assert.True((r.High - r.Low) / r.Low <= 0.05 || r.High - r.Low <= CapacitySearch.Round(r.Low!.Value) / 100, $"{r.Low}..{r.High}");
        Assert.Equal(rates, r.Probes.Select(p => p.Rate));
        Assert.Equal(rates.Count, rates.Distinct().Count());
    }

    [Fact]
    public async Task Run_EveryRatePasses_StopsAtMaxRateWithOneSidedAnswer()
    {
        var search = new CapacitySearch(new CapacitySearchOptions(10, 1, 80, 0.05, TimeSpan.FromMinutes(5), TimeSpan.Zero), TimeProvider.System);
        var r = await search.RunAsync("p99<1s", PassesUpTo(1000, []), null, default);
        Assert.Equal(("max-rate", 80.0, (double?)null), (r.Stop, r.Low!.Value, r.High));
        Assert.StartsWith("capacity ≥ 80 req/s", r.Sentence);
    }

    [Fact]
    public async Task Run_NoRatePasses_StopsAtMinRate()
    {
        var search = new CapacitySearch(new CapacitySearchOptions(10, 2, 80, 0.05, TimeSpan.FromMinutes(5), TimeSpan.Zero), TimeProvider.System);
        var r = await search.RunAsync("p99<1s", PassesUpTo(1, []), null, default);
        Assert.Equal(("min-rate", (double?)null, 2.0), (r.Stop, r.Low, r.High!.Value));
        Assert.StartsWith("capacity < 2 req/s", r.Sentence);
    }

    [Fact]
    public async Task Run_BudgetSmallerThanProbes_StopsAtMaxDurationWithBracketSoFar()
    {
        var search = new CapacitySearch(new CapacitySearchOptions(10, 1, 100_000, 0.01, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100)), TimeProvider.System);
        var r = await search.RunAsync("p99<1s", async (rate, ct) => { await Task.Delay(100, ct); return await PassesUpTo(73, [])(rate, ct); }, null, default);
        Assert.Equal("max-duration", r.Stop);
        Assert.InRange(r.Probes.Count, 1, 3);
    }
}
