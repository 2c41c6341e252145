using System.Net.Sockets;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// Makes a run's connections. On Linux the default is <see cref="EpollTransport"/>: a few event-loop
/// threads of our own that run every client's continuation where its socket event arrives, with no
/// thread-pool hop and no speculative receive per request (see the README's "Engine" notes for the
/// figures). Elsewhere, or with <c>--io dotnet</c>, it is <see cref="SocketTransport"/>: .NET's own
/// async sockets.
/// </summary>
internal abstract class ClientTransport : IDisposable
{
    public const string DotNet = "dotnet";
    public const string Epoll = "epoll";

    public static readonly string[] Names = [Epoll, DotNet];

    /// <summary>"epoll" or "dotnet", as printed in reports.</summary>
    public abstract string Name { get; }

    /// <summary>A connection for client number <paramref name="lane"/>.</summary>
    public abstract ClientConnection Create(AddressFamily family, int lane);

    /// <summary>
    /// A think time for client <paramref name="lane"/>: completes after <paramref name="delay"/>, or
    /// early (normally, not with an exception) when <paramref name="token"/> is cancelled.
    /// </summary>
    public virtual async ValueTask DelayAsync(int lane, TimeSpan delay, TimeProvider time, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    public abstract void Dispose();

    /// <summary>Event-loop threads used when none are asked for: one per two cores, at least one.</summary>
    public static int DefaultIoThreads => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The engine a run will use: <paramref name="requested"/> when given and available, else the platform's default.</summary>
    public static string Resolve(string? requested) =>
        requested == DotNet || !EpollTransport.IsSupported ? DotNet : Epoll;

    /// <param name="name">"epoll" or "dotnet" (see <see cref="Resolve"/>).</param>
    /// <param name="ioThreads">Event loops for epoll; 0 for <see cref="DefaultIoThreads"/>.</param>
    public static ClientTransport Create(string name, int ioThreads) =>
        Resolve(name) == DotNet ? new SocketTransport() : new EpollTransport(ioThreads > 0 ? ioThreads : DefaultIoThreads);
}
