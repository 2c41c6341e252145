using Microsoft.AspNetCore.Mvc;
using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Web.Mvc;

/// <summary>
/// <c>/mvc/index</c>: the <c>/index</c> answer through the full MVC pipeline (controller discovery,
/// model binding, filters, action results), the "Django" row of E5.
/// </summary>
[ApiController]
[Route("mvc")]
public sealed class MvcIndexController : ControllerBase
{
    [HttpGet("index")]
    public ContentResult Index() => Content(HelloEndpoints.Body, HelloEndpoints.ContentType);
}
