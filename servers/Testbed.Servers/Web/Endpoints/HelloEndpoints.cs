namespace Testbed.Servers.Web.Endpoints;

/// <summary><c>/</c> and <c>/index</c>: the tiny answer of E5 (hello-stacks).</summary>
internal static class HelloEndpoints
{
    public const string Body = "hello world";
    public const string ContentType = "text/plain; charset=utf-8";

    // Immutable, so one instance serves every request.
    private static readonly IResult Hello = Results.Text(Body, ContentType);

    public static IEndpointRouteBuilder MapHelloEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Hello);
        endpoints.MapGet("/index", () => Hello);
        return endpoints;
    }
}
