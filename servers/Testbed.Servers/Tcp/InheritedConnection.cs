using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The child side of process mode for the runtime child (<c>testbed-server tcp --serve-fd</c>): the
/// connection arrives as a descriptor (0, inetd style), and the exit code tells the parent how it ended
/// (<see cref="ConnectionOutcome"/>). The Native AOT testbed-echo-child does the same with direct libc
/// calls (its DescriptorConnection), because a Socket would start the socket engine's thread.
/// </summary>
internal static class InheritedConnection
{
    public static int Serve(int fd, TimeSpan idleTimeout, CancellationToken stopping)
    {
        Socket socket;
        try
        {
            socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        }
        catch (SocketException e)
        {
            Console.Error.WriteLine($"process-mode child: descriptor {fd} is not a socket: {e.Message}");
            return (int)ConnectionOutcome.Io;
        }

        return (int)EchoConnection.Serve(socket, idleTimeout, stopping);
    }
}
