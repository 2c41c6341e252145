using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>The JSON body of every 4xx and 5xx answer: a short machine-readable code and a sentence for people.</summary>
internal sealed record ApiError(string Error, string Detail)
{
    public const string InvalidQuery = "invalid_query";
    public const string NotFound = "not_found";
    public const string DataFileUnreadable = "data_file_unreadable";
    public const string AntiforgeryRejected = "antiforgery_rejected";

    public static IResult BadQuery(string detail) =>
        Results.Json(new ApiError(InvalidQuery, detail), WebJsonContext.Api.ApiError, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>500 for a data file that cannot be read: the one line names the file and the column.</summary>
    public static IResult DataFile(ParquetFileException e) =>
        Results.Json(new ApiError(DataFileUnreadable, e.Message), WebJsonContext.Api.ApiError, statusCode: StatusCodes.Status500InternalServerError);
}
