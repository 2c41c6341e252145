using System.Diagnostics;
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
        // One stamp for both: with two, a thread preempted between the calls (milliseconds on a
        // busy machine) left the total's integral short of the backend's.
        long entered = Stopwatch.GetTimestamp();
        backend.Enter(entered);
        activity.Total.Enter(entered);
        try
        {
            await next(context);
        }
        finally
        {
            long left = Stopwatch.GetTimestamp();
            activity.Total.Leave(left);
            backend.Leave(left);
        }
    }
}
