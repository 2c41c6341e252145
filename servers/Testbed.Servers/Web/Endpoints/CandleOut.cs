using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// An item of the declared response model of /candle (FastAPI's <c>response_model</c>): its rules
/// are attributes, checked by <see cref="ResponseModelValidator"/> through reflection on every item
/// of every answer of form <c>validated</c>, after the <see cref="CandleModel"/> checks.
/// </summary>
internal sealed class CandleOut : IValidatableObject
{
    [Required]
    [Range(0, long.MaxValue)]
    [MultipleOf(CandleModel.BaseTmUnitMs)]
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
