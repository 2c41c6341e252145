namespace Testbed.Proxy.Stats;

/// <summary>
/// One backend in GET /proxy/stats. Requests counts attempts sent to it (a request retried on
/// another backend after a refused connection counts once on each); failures are attempts that
/// ended in a proxy error (refused, reset, timed out), not backend 5xx answers.
/// Health is "healthy", "unhealthy" or "unknown" (not probed yet); active and passive are YARP's
/// two underlying states. InFlight counts attempts being forwarded to it now (from the moment the
/// balancer chose it until the forwarder is done) and BusyMs is their integral over time in
/// request-milliseconds since start: ΔBusyMs ÷ Δtime between two readings is the mean in flight.
/// </summary>
internal sealed record DestinationStats(
    string Id,
    string Address,
    long Requests,
    long Failures,
    int InFlight,
    string Health,
    string Active,
    string Passive,
    double BusyMs,
    FailureCounts FailuresByKind);
