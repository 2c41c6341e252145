using System.Net.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Testbed.Proxy.Stats;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Testbed.Proxy.Balancing;

/// <summary>
/// First step of the YARP proxy pipeline, around load balancing, passive health checks and the
/// forwarder. It answers 503 with a JSON body at once when no backend is available, counts every
/// attempt per backend, and retries a request on another backend when the chosen one refused the
/// connection: nothing reached that backend, so retrying is safe, and the requests a stopped
/// backend costs are only those it had in flight. Requests with a body are not retried, because
/// the body may not be readable twice.
/// </summary>
internal sealed class FailoverMiddleware(RequestDelegate next, ProxyStats stats)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.GetReverseProxyFeature();
        var candidates = feature.AvailableDestinations;
        if (candidates.Count == 0)
        {
            await RejectAsync(context, feature, "no healthy backend");
            return;
        }

        List<DestinationState>? tried = null;
        while (true)
        {
            await next(context);

            var destination = feature.ProxiedDestination;
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (destination is not null)
            {
                stats.Record(destination, error is null ? null : KindOf(error));
            }

            if (error is null || destination is null || !IsRetryable(context) || !IsConnectFailure(error)
                || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            tried ??= new List<DestinationState>(2);
            tried.Add(destination);
            var remaining = Remaining(candidates, tried);

            // Undo what the failed attempt left on the response so that the forwarder can run again.
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
            feature.ProxiedDestination = null;

            if (remaining.Length == 0)
            {
                await RejectAsync(context, feature, "no backend accepted the connection");
                return;
            }

            feature.AvailableDestinations = remaining;
        }
    }

    // Asked only after a failure: the feature lookup is not worth paying on every request.
    private static bool IsRetryable(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false };

    private static FailureKind KindOf(IForwarderErrorFeature error) => error.Error switch
    {
        _ when IsConnectFailure(error) => FailureKind.Refused,
        ForwarderError.RequestTimedOut => FailureKind.Timeout,
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled => FailureKind.Canceled,
        _ => FailureKind.Other,
    };

    private static bool IsConnectFailure(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.Request
        && error.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    /// <summary>The candidates not yet tried and not banned meanwhile (by this or a concurrent request).</summary>
    private static DestinationState[] Remaining(IReadOnlyList<DestinationState> candidates, List<DestinationState> tried)
    {
        var remaining = new List<DestinationState>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!tried.Contains(candidate)
                && candidate.Health.Passive != DestinationHealth.Unhealthy
                && candidate.Health.Active != DestinationHealth.Unhealthy)
            {
                remaining.Add(candidate);
            }
        }

        return remaining.ToArray();
    }

    private async Task RejectAsync(HttpContext context, IReverseProxyFeature feature, string reason)
    {
        stats.RecordRejected();
        var all = feature.AllDestinations;
        var healthy = all.Count(d => d.Health.Active != DestinationHealth.Unhealthy && d.Health.Passive != DestinationHealth.Unhealthy);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new NoBackendError(reason, all.Count, healthy), ProxyJsonContext.Default.NoBackendError);
    }
}
