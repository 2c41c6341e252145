using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Web.Mvc;

/// <summary>
/// Validates the antiforgery token of every unsafe request (not GET, HEAD, OPTIONS or TRACE) to an MVC
/// action, as <see cref="AutoValidateAntiforgeryTokenAttribute"/> does, but answers a failure with our
/// 400 JSON <see cref="ApiError"/> naming what was wrong (the built-in filter answers an empty 400 and
/// only logs the reason).
/// </summary>
internal sealed class AntiforgeryValidationFilter(IAntiforgery antiforgery) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException e)
        {
            context.Result = new JsonResult(new ApiError(ApiError.AntiforgeryRejected, e.Message), WebJsonContext.Api.Options)
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }
    }
}
