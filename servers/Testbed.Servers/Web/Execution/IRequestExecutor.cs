namespace Testbed.Servers.Web.Execution;

/// <summary>Runs the rest of the pipeline for one request under the worker mode's concurrency rule.</summary>
internal interface IRequestExecutor
{
    Task ExecuteAsync(HttpContext context, RequestDelegate next);
}
