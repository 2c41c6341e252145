using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// A candle as a model object (pydantic's <c>BaseModel</c>), and the item of the declared response model
/// of /candle: finite prices, h ≥ max(o, c), l ≤ min(o, c), v ≥ 0, basetm ≥ 0 and on the minute grid of
/// the data set. The rules are attributes, checked by <see cref="ModelValidator"/> when forms
/// <c>model</c> and <c>validated</c> build each candle, and once more per candle in the response-model
/// pass of form <c>validated</c>.
/// </summary>
internal sealed class CandleOut : IValidatableObject
{
    /// <summary>basetm is epoch milliseconds of a whole minute (every interval's bucket starts on one).</summary>
    public const long BaseTmUnitMs = 60_000;

    [Required]
    [Range(0, long.MaxValue)]
    [MultipleOf(BaseTmUnitMs)]
    [JsonPropertyName(CandleColumns.BaseTm)]
    public long Basetm { get; set; }

    [Finite]
    [JsonPropertyName(CandleColumns.Open)]
    public double O { get; set; }

    [Finite]
    [JsonPropertyName(CandleColumns.High)]
    public double H { get; set; }

    [Finite]
    [JsonPropertyName(CandleColumns.Low)]
    public double L { get; set; }

    [Finite]
    [JsonPropertyName(CandleColumns.Close)]
    public double C { get; set; }

    [Finite]
    [Range(0, double.MaxValue)]
    [JsonPropertyName(CandleColumns.Volume)]
    public double V { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (H < Math.Max(O, C))
        {
            yield return new ValidationResult("h must be >= max(o, c)", [nameof(H)]);
        }

        if (L > Math.Min(O, C))
        {
            yield return new ValidationResult("l must be <= min(o, c)", [nameof(L)]);
        }
    }
}
