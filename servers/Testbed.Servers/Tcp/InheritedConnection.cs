using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The child side of process mode, shared by both children (<c>testbed-server tcp --serve-fd</c> and the
/// Native AOT <c>testbed-echo-child</c>): the connection arrives as a descriptor (0, inetd style), and
/// the exit code tells the parent how it ended (<see cref="ConnectionOutcome"/>).
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
