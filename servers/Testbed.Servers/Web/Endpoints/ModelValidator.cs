using System.ComponentModel.DataAnnotations;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The one validation mechanism of the candle models (pydantic's model validation): the rules declared on
/// the model's type (System.ComponentModel.DataAnnotations attributes and <see cref="IValidatableObject"/>),
/// checked generically through reflection. Forms <c>model</c> and <c>validated</c> build every candle
/// through it; <c>validated</c> runs it once more per candle in the response-model pass
/// (<see cref="ResponseModelValidator"/>).
/// </summary>
internal static class ModelValidator
{
    /// <summary>Throws <see cref="ModelValidationException"/> naming <paramref name="location"/> and every broken rule.</summary>
    public static void Validate(object model, ModelLocation location)
    {
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(model, new ValidationContext(model), problems, validateAllProperties: true))
        {
            throw new ModelValidationException($"{location}: {string.Join("; ", problems.Select(p => p.ErrorMessage))}");
        }
    }
}
