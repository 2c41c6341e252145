using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>One way of serving the connections of a bound, listening socket (one per <see cref="TcpModes"/> value).</summary>
internal interface ITcpServerModel
{
    /// <summary>
    /// Serves until <paramref name="stopping"/> is cancelled, then lets in-flight connections finish
    /// briefly. Calls <paramref name="ready"/> once, when connections to the port will be served.
    /// </summary>
    Task RunAsync(Socket listener, Action ready, CancellationToken stopping);
}
