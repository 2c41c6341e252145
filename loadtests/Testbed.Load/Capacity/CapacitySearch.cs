namespace Testbed.Load.Capacity;

/// <summary>
/// The search itself, independent of how a probe runs (so the suite, or a test, can drive it with
/// any probe): double the rate from the start until a probe fails (or halve it until one passes),
/// which brackets the capacity between the highest passing and the lowest failing rate; then
/// bisect until the bracket is narrower than the resolution or the time budget would be exceeded
/// by one more probe. The answer is the highest passing rate.
/// </summary>
internal sealed class CapacitySearch(CapacitySearchOptions options, TimeProvider time)
{
    public async Task<CapacityResult> RunAsync(string slo, Func<double, CancellationToken, Task<CapacityProbe>> probe,
        Action<CapacityProbe>? onProbe, CancellationToken interrupt)
    {
        long start = time.GetTimestamp();
        var probes = new List<CapacityProbe>();
        double? low = null, high = null;
        double rate = Math.Clamp(options.StartRate, options.MinRate, options.MaxRate);
        string stop;
        var longest = options.ProbeEstimate;
        while (true)
        {
            if (interrupt.IsCancellationRequested) { stop = "interrupted"; break; }
            if (time.GetElapsedTime(start) + longest > options.MaxDuration) { stop = "max-duration"; break; }
            var p = await probe(rate, interrupt).ConfigureAwait(false);
            if (interrupt.IsCancellationRequested) { stop = "interrupted"; break; } // a cut-off probe proves nothing
            probes.Add(p);
            onProbe?.Invoke(p);
            var took = TimeSpan.FromSeconds(p.Seconds);
            if (took > longest) longest = took;
            if (p.Pass) low = Math.Max(low ?? 0, rate);
            else high = Math.Min(high ?? double.MaxValue, rate);

            if (high is null)
            {
                if (rate >= options.MaxRate) { stop = "max-rate"; break; }
                rate = Math.Min(rate * 2, options.MaxRate);
            }
            else if (low is null)
            {
                if (rate <= options.MinRate) { stop = "min-rate"; break; }
                rate = Math.Max(rate / 2, options.MinRate);
            }
            else
            {
                if ((high.Value - low.Value) / low.Value <= options.Resolution) { stop = "resolution"; break; }
                rate = Round((low.Value + high.Value) / 2);
                if (rate <= low || rate >= high) { stop = "resolution"; break; } // rates no finer than Round
            }
        }
        return new CapacityResult(slo, new CapacityBracketDocument(low, high), stop, Math.Round(time.GetElapsedTime(start).TotalSeconds, 3), probes);
    }

    /// <summary>Rates to three significant digits: a finer rate is not a different load.</summary>
    public static double Round(double rate)
    {
        if (rate <= 0) return rate;
        int digits = 2 - (int)Math.Floor(Math.Log10(rate));
        if (digits >= 0) return Math.Round(rate, Math.Min(digits, 15)); // Math.Round(x, d): no 38.800000000000004
        double scale = Math.Pow(10, -digits);
        return Math.Round(rate / scale) * scale;
    }
}
