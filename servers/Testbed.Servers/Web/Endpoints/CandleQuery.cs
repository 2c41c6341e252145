using System.Globalization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The query of /candle, checked as FastAPI checks declared query parameters: every problem is
/// collected and answered at once with 422 and pydantic's error types and messages.
/// </summary>
internal sealed record CandleQuery(string Interval, int Limit, string Form)
{
    public const int DefaultLimit = 100;
    public const int MinLimit = 1;
    public const int MaxLimit = 1440;

    public static CandleQuery Parse(IQueryCollection query, List<ValidationIssue> issues)
    {
        var interval = Choice(query, "interval", CandleIntervals.All, CandleIntervals.Default, issues);
        var form = Choice(query, "form", CandleForms.All, CandleForms.Default, issues);
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var values))
        {
            // Like FastAPI, the last of repeated values counts.
            var raw = values[^1] ?? string.Empty;
            if (!int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                issues.Add(new ValidationIssue("int_parsing", ["query", "limit"], "Input should be a valid integer, unable to parse string as an integer", raw));
            }
            else if (limit < MinLimit)
            {
                issues.Add(new ValidationIssue("greater_than_equal", ["query", "limit"], $"Input should be greater than or equal to {MinLimit}", raw));
            }
            else if (limit > MaxLimit)
            {
                issues.Add(new ValidationIssue("less_than_equal", ["query", "limit"], $"Input should be less than or equal to {MaxLimit}", raw));
            }
        }

        return new CandleQuery(interval, limit, form);
    }

    private static string Choice(IQueryCollection query, string name, string[] allowed, string defaultValue, List<ValidationIssue> issues)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return defaultValue;
        }

        var raw = values[^1] ?? string.Empty;
        if (Array.IndexOf(allowed, raw) >= 0)
        {
            return raw;
        }

        var expected = string.Join(", ", allowed[..^1].Select(a => $"'{a}'")) + $" or '{allowed[^1]}'";
        issues.Add(new ValidationIssue("literal_error", ["query", name], $"Input should be {expected}", raw));
        return defaultValue;
    }
}
