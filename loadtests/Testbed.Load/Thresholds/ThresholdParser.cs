using System.Globalization;
using Testbed.Common;

namespace Testbed.Load.Thresholds;

/// <summary>
/// Parses "METRIC OP VALUE[UNIT]" (k6's threshold syntax with units): p95&lt;200ms, p99&lt;=1s,
/// p99.9_raw&lt;50ms, mean&lt;20ms, max&lt;2s, errors&lt;1% (a rate), errors&lt;=10 (a count),
/// error_rate&lt;0.5%, error_count&lt;1, rps&gt;=500. Bare latencies are
/// milliseconds. Anything else is a <see cref="UsageException"/> whose one line names the part that
/// did not parse.
/// </summary>
internal static class ThresholdParser
{
    private static readonly string[] Operators = ["<=", ">=", "<", ">"];

    /// <summary>A comma-separated list (capacity's --slo).</summary>
    public static IReadOnlyList<ThresholdExpression> ParseList(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0)) throw new UsageException($"{option} '{text}': empty expression between commas");
        return [.. parts.Select(p => Parse(p, option))];
    }

    public static ThresholdExpression Parse(string text, string option)
    {
        string t = text.Trim();
        string Fail(string part, string why) => $"{option} '{text}': {(part.Length == 0 ? "nothing" : $"'{part}'")} {why}";
        int at = -1;
        string op = "";
        foreach (var candidate in Operators)
        {
            int i = t.IndexOf(candidate, StringComparison.Ordinal);
            if (i >= 0 && (at < 0 || i < at || (i == at && candidate.Length > op.Length))) { at = i; op = candidate; }
        }
        if (at < 0) throw new UsageException(Fail(t, "has no comparison (expected METRIC<VALUE, e.g. p99<500ms, errors<1%, rps>=100)"));
        string name = t[..at].Trim().ToLowerInvariant();
        string value = t[(at + op.Length)..].Trim();
        var oper = op switch
        {
            "<" => ThresholdOperator.Less,
            "<=" => ThresholdOperator.LessOrEqual,
            ">" => ThresholdOperator.Greater,
            _ => ThresholdOperator.GreaterOrEqual,
        };
        if (value.IndexOfAny(['<', '>', '=']) >= 0) throw new UsageException(Fail(value, "is not a value (one comparison per expression)"));

        bool raw = name.EndsWith("_raw", StringComparison.Ordinal);
        string bare = raw ? name[..^4] : name;
        ThresholdMetric metric;
        double percentile = 0;
        switch (bare)
        {
            case "mean" or "avg": metric = ThresholdMetric.Mean; break;
            case "max": metric = ThresholdMetric.Max; break;
            case "errors" when !raw: metric = value.EndsWith('%') ? ThresholdMetric.ErrorRate : ThresholdMetric.ErrorCount; break;
            case "error_rate" when !raw: metric = ThresholdMetric.ErrorRate; break;
            case "error_count" when !raw: metric = ThresholdMetric.ErrorCount; break;
            case "rps" when !raw: metric = ThresholdMetric.Rps; break;
            case var p when p.Length > 1 && p[0] == 'p' && double.TryParse(p[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out percentile):
                if (percentile is <= 0 or > 100) throw new UsageException(Fail(name, "is not a percentile between p0 and p100 (e.g. p50, p99, p99.99)"));
                metric = ThresholdMetric.Percentile;
                break;
            default:
                throw new UsageException(Fail(t[..at].Trim(), "is not a metric (expected p50..p99.99, mean, max (each also _raw), errors, error_rate, error_count or rps)"));
        }

        double limit = metric switch
        {
            ThresholdMetric.Percentile or ThresholdMetric.Mean or ThresholdMetric.Max => Latency(value)
                ?? throw new UsageException(Fail(value, "is not a latency (e.g. 200ms, 1s, 1.5s, 800us; bare numbers are ms)")),
            ThresholdMetric.ErrorRate => value.EndsWith('%') && Number(value[..^1]) is { } pct and >= 0 and <= 100 ? pct
                : throw new UsageException(Fail(value, "is not an error rate (a percentage, e.g. 1%, 0.1%)")),
            ThresholdMetric.ErrorCount => Number(value) is { } n and >= 0 && n == Math.Floor(n) ? n
                : throw new UsageException(Fail(value, "is not an error count (a whole number; for a rate write e.g. errors<1%)")),
            _ => Number(value.EndsWith("/s", StringComparison.Ordinal) ? value[..^2] : value) is { } r and >= 0 ? r
                : throw new UsageException(Fail(value, "is not a rate in requests per second (e.g. 500, 500/s)")),
        };
        return new ThresholdExpression(t, metric, percentile, raw, oper, limit);
    }

    /// <summary>Milliseconds from "200ms", "1s", "1.5s", "800us", "2m" or a bare number of ms.</summary>
    private static double? Latency(string value)
    {
        string v = value.ToLowerInvariant();
        (string number, double scale) = v switch
        {
            _ when v.EndsWith("ms", StringComparison.Ordinal) => (v[..^2], 1.0),
            _ when v.EndsWith("us", StringComparison.Ordinal) || v.EndsWith("µs", StringComparison.Ordinal) => (v[..^2], 0.001),
            _ when v.EndsWith('s') => (v[..^1], 1000.0),
            _ when v.EndsWith('m') => (v[..^1], 60_000.0),
            _ => (v, 1.0),
        };
        return Number(number) is { } n and >= 0 ? n * scale : null;
    }

    private static double? Number(string text) =>
        text.Length > 0 && double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double d) ? d : null;
}
