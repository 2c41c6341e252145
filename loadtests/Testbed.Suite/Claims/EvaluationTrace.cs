namespace Testbed.Suite.Claims;

/// <summary>
/// The numbers behind a verdict: each reference with its value, and each comparison with both
/// sides evaluated, so a report can say "912.3 >= 352.0" rather than just "true".
/// </summary>
internal sealed class EvaluationTrace
{
    public List<KeyValuePair<string, double>> Bindings { get; } = [];

    public List<string> Comparisons { get; } = [];

    public string Describe()
    {
        var bindings = string.Join(", ", Bindings.DistinctBy(b => b.Key).Select(b => $"{b.Key} = {NumberFormat.Short(b.Value)}"));
        var comparisons = string.Join("; ", Comparisons);
        return bindings.Length == 0 ? comparisons : comparisons.Length == 0 ? bindings : $"{bindings}: {comparisons}";
    }
}
