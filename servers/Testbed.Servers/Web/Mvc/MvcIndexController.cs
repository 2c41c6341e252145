using Microsoft.AspNetCore.Mvc;
using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Web.Mvc;

/// <summary>
/// <c>/mvc/index</c>: the <c>/index</c> answer served the way a <c>dotnet new mvc</c> app serves a
/// page, the "Django" row of E5: a <see cref="Controller"/> action returning <c>View()</c>, rendered by
/// Razor (Web/Mvc/Views/MvcIndex/Index.cshtml inside Shared/_Layout.cshtml, compiled at build time),
/// behind the branch of <see cref="MvcPipeline"/>. The body is the same bytes as <c>/index</c>, so that
/// E5 compares the cost of the stacks and not of the pages; that is why the .cshtml files end without a
/// newline (Razor would write it into the body).
/// </summary>
[Route(MvcPipeline.Prefix)]
public sealed class MvcIndexController : Controller
{
    [HttpGet("index")]
    public ViewResult Index() => HelloView();

    /// <summary>
    /// <c>POST /mvc/index</c>: the same page as a form posting back to itself, the one unsafe method of
    /// the branch, so that antiforgery validation has something to guard: without a valid token it
    /// answers 400 with a JSON <see cref="ApiError"/> (<see cref="AntiforgeryValidationFilter"/>).
    /// </summary>
    [HttpPost("index")]
    [ActionName(nameof(Index))]
    public ViewResult IndexPost() => HelloView();

    // The answer keeps /index's content type: E5 compares bodies, and the headers should differ
    // only by what the pipeline adds (Django's page was text/html; the type costs nothing either way).
    private ViewResult HelloView()
    {
        var view = View();
        view.ContentType = HelloEndpoints.ContentType;
        return view;
    }
}
