using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>
/// What <see cref="LoadClient"/> needs to know of the protocol spoken over its connection: when a
/// response is complete, whether a close ends it or breaks it, and what it amounted to. One reader
/// per client, reused for every request, so the hot path allocates nothing.
/// </summary>
internal abstract class ResponseReader
{
    /// <summary>Readies the reader for a new response.</summary>
    public abstract void Begin(RunObservations observations);

    /// <summary>
    /// Takes <paramref name="received"/> new bytes, which the client read into
    /// <paramref name="buffer"/> at <paramref name="filled"/>. A reader that needs earlier bytes
    /// kept (an incomplete header block) advances <paramref name="filled"/>; else it stays 0.
    /// </summary>
    public abstract ParseStatus Read(byte[] buffer, ref int filled, int received);

    /// <summary>The peer closed the connection: <see cref="FailureKind.None"/> if that completes the response.</summary>
    public abstract FailureKind OnClose(long bytesReceived);

    /// <summary>The response counts as completed (2xx/3xx for HTTP; any answer for raw TCP).</summary>
    public abstract bool Succeeded { get; }

    /// <summary>The response leaves the connection usable for the next request.</summary>
    public abstract bool ConnectionReusable { get; }

    public abstract long BodyBytes { get; }

    /// <summary>The backend that served the response (a balancer's header), if any.</summary>
    public abstract string? ServedBy { get; }

    /// <summary>The Server header when it was being captured for the report.</summary>
    public abstract string? Server { get; }
}
