using System.ComponentModel.DataAnnotations;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>A long property must be a multiple of <see cref="Unit"/> (pydantic's <c>multiple_of</c>): basetm on the minute grid.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MultipleOfAttribute(long unit) : ValidationAttribute
{
    public long Unit { get; } = unit > 0 ? unit : throw new ArgumentOutOfRangeException(nameof(unit), unit, "must be positive");

    public override bool IsValid(object? value) => value is long n && n % Unit == 0;

    public override string FormatErrorMessage(string name) => $"{name}: must be a multiple of {Unit}";
}
