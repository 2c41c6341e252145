using System.ComponentModel.DataAnnotations;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>A double property must be a finite number (pydantic's <c>allow_inf_nan=False</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FiniteAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is double d && double.IsFinite(d);

    public override string FormatErrorMessage(string name) => $"{name}: must be a finite number";
}
