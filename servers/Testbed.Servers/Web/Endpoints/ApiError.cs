namespace Testbed.Servers.Web.Endpoints;

/// <summary>The JSON body of every 4xx answer: a short machine-readable code and a sentence for people.</summary>
internal sealed record ApiError(string Error, string Detail)
{
    public const string InvalidQuery = "invalid_query";
    public const string NotFound = "not_found";

    public static IResult BadQuery(string detail) =>
        Results.Json(new ApiError(InvalidQuery, detail), WebJsonContext.Api.ApiError, statusCode: StatusCodes.Status400BadRequest);
}
