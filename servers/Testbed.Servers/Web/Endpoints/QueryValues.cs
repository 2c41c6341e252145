using System.Globalization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// Query-string parsing with the project's error shape. Minimal API binding would answer a bad
/// value with an empty 400, so endpoints read their parameters through here instead.
/// </summary>
internal static class QueryValues
{
    /// <summary>Reads an optional integer in [min, max]; on failure <paramref name="error"/> is the 400 to return.</summary>
    public static bool TryGetInt(HttpContext context, string name, int defaultValue, int min, int max, out int value, out IResult? error)
    {
        value = defaultValue;
        error = null;
        if (!context.Request.Query.TryGetValue(name, out var raw))
        {
            return true;
        }

        if (raw.Count != 1
            || !int.TryParse(raw[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            || value < min || value > max)
        {
            value = defaultValue;
            error = ApiError.BadQuery($"'{name}' must be one integer from {min} to {max}, got '{raw}'");
            return false;
        }

        return true;
    }
}
