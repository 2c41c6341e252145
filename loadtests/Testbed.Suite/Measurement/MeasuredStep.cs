namespace Testbed.Suite.Measurement;

/// <summary>
/// The figures claims read from one step: each metric's median over its runs, and every run's own
/// figures in the order run (round 1 first), for <c>paired(a, b)</c>.
/// </summary>
internal sealed record MeasuredStep(string Name, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<IReadOnlyDictionary<string, double>> Runs);
