using System.Text.Json.Serialization;
using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// A candle as a model object (pydantic's <c>BaseModel</c>): every field checked when it is built,
/// finite prices, h ≥ max(o, c), l ≤ min(o, c), v ≥ 0, basetm ≥ 0 and on the minute grid of the data set.
/// </summary>
internal sealed class CandleModel
{
    /// <summary>basetm is epoch milliseconds of a whole minute (every interval's bucket starts on one).</summary>
    public const long BaseTmUnitMs = 60_000;

    public CandleModel(long basetm, double o, double h, double l, double c, double v)
    {
        Basetm = basetm < 0 ? throw new ModelValidationException($"basetm: must be >= 0, got {basetm}")
            : basetm % BaseTmUnitMs != 0 ? throw new ModelValidationException($"basetm: must be a whole minute (multiple of {BaseTmUnitMs} ms), got {basetm}")
            : basetm;
        O = Finite(nameof(o), o);
        H = Finite(nameof(h), h);
        L = Finite(nameof(l), l);
        C = Finite(nameof(c), c);
        V = Finite(nameof(v), v) >= 0 ? v : throw new ModelValidationException($"v: must be >= 0, got {v}");
        if (H < Math.Max(O, C))
        {
            throw new ModelValidationException($"h: must be >= max(o, c), got h={H} o={O} c={C}");
        }

        if (L > Math.Min(O, C))
        {
            throw new ModelValidationException($"l: must be <= min(o, c), got l={L} o={O} c={C}");
        }
    }

    [JsonPropertyName(CandleColumns.BaseTm)]
    public long Basetm { get; }

    [JsonPropertyName(CandleColumns.Open)]
    public double O { get; }

    [JsonPropertyName(CandleColumns.High)]
    public double H { get; }

    [JsonPropertyName(CandleColumns.Low)]
    public double L { get; }

    [JsonPropertyName(CandleColumns.Close)]
    public double C { get; }

    [JsonPropertyName(CandleColumns.Volume)]
    public double V { get; }

    private static double Finite(string field, double value) =>
        double.IsFinite(value) ? value : throw new ModelValidationException($"{field}: must be a finite number, got {value}");
}
