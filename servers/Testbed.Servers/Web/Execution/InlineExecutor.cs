namespace Testbed.Servers.Web.Execution;

/// <summary>Mode <c>async</c>: the handler runs on the request's own thread-pool thread, no cap.</summary>
internal sealed class InlineExecutor(ServerStats stats) : IRequestExecutor
{
    public async Task ExecuteAsync(HttpContext context, RequestDelegate next)
    {
        stats.Started();
        try
        {
            await next(context);
        }
        finally
        {
            stats.Finished();
        }
    }
}
