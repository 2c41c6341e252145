namespace Testbed.Suite.Measurement;

/// <summary>
/// Little's law over one load: in-flight = rate × time in the system. <see cref="Expected"/> is
/// the rate × latency (closed model: × (latency + think)), <see cref="Measured"/> the in-flight
/// the finding read (the server's mean busy + queued slots, or the generator's users or in-flight);
/// <see cref="Ok"/> when they agree within <see cref="LimitThresholds.LittleTolerance"/>. A finding
/// whose check is not ok is flagged, not trusted.
/// </summary>
internal sealed record LittleLawCheck(double Expected, double Measured, bool Ok, string Basis)
{
    /// <summary>The check of <paramref name="measured"/> against <paramref name="expected"/>; null when either is unknown.</summary>
    public static LittleLawCheck? Of(double expected, double measured, string basis)
    {
        if (double.IsNaN(expected) || double.IsNaN(measured) || double.IsInfinity(expected) || double.IsInfinity(measured))
        {
            return null;
        }

        var ok = Math.Abs(measured - expected) <= Math.Max(LimitThresholds.LittleTolerance * expected, LimitThresholds.LittleSlack);
        return new LittleLawCheck(expected, measured, ok, basis);
    }
}
