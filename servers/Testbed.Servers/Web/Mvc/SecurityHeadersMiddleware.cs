using Microsoft.Extensions.Primitives;

namespace Testbed.Servers.Web.Mvc;

/// <summary>
/// The headers Django's default SecurityMiddleware and XFrameOptionsMiddleware put on every answer
/// (E5's source: 338 bytes per Django answer against Flask's 176). ASP.NET Core has no middleware that
/// sets exactly these, hence this one.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues SameOrigin = "same-origin";
    private static readonly StringValues Deny = "DENY";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = SameOrigin;
        headers["Cross-Origin-Opener-Policy"] = SameOrigin;
        headers.XFrameOptions = Deny;
        return next(context);
    }
}
