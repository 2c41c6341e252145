namespace Testbed.Load.Capacity;

/// <summary>
/// The outcome of a capacity search (the run record holds <see cref="ToDocument"/>). <see cref="Answer"/> is the highest rate that met the SLO, the bracket's low end. <see cref="Stop"/> says why the search ended: "resolution" (the
/// bracket is as narrow as asked), "max-duration" (time ran out), "max-rate" (every rate up to
/// --max-rate met the SLO), "min-rate" (even --min-rate failed) or "interrupted".
/// </summary>
internal sealed record CapacityResult(
    string Slo, CapacityBracketDocument Bracket, string Stop, double SearchSeconds, IReadOnlyList<CapacityProbe> Probes)
{
    public double? Answer => Bracket.Low;

    public double? Low => Bracket.Low;
    public double? High => Bracket.High;

    /// <summary>"capacity 96–101 req/s at p99&lt;500ms", or a one-sided answer.</summary>
    public string Sentence => (Low, High) switch
    {
        ({ } l, { } h) => $"capacity {Rate(l)}–{Rate(h)} req/s at {Slo}",
        ({ } l, null) => $"capacity ≥ {Rate(l)} req/s at {Slo} (no probe failed; stopped: {Stop})",
        (null, { } h) => $"capacity < {Rate(h)} req/s at {Slo} (no probe met the SLO; stopped: {Stop})",
        _ => $"capacity unknown at {Slo} (no probe ran; stopped: {Stop})",
    };

    public CapacityDocument ToDocument() => new(Slo, Bracket, Stop, SearchSeconds, [.. Probes.Select(p => p.ToDocument())], Answer,
        Probes.Sum(p => p.Completed + p.WarmUpCompleted));

    public static string Rate(double r) => r.ToString(r >= 100 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture);
}
