using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Testbed.Proxy.Stats;

/// <summary>
/// Last step before the forwarder, after load balancing chose the backend: counts the attempt in
/// flight on that backend and on the whole proxy for as long as the forwarder runs, for the
/// in-flight integrals of /proxy/stats.
/// </summary>
internal sealed class InFlightMiddleware(RequestDelegate next, DestinationActivity activity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var chosen = context.GetReverseProxyFeature().AvailableDestinations;
        if (chosen.Count != 1)
        {
            // No single backend chosen: the forwarder answers 503 without sending anything.
            await next(context);
            return;
        }

        var backend = activity.For(chosen[0].DestinationId).Busy;
        backend.Enter();
        activity.Total.Enter();
        try
        {
            await next(context);
        }
        finally
        {
            activity.Total.Leave();
            backend.Leave();
        }
    }
}
