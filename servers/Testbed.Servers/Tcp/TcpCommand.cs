using System.CommandLine;
using Testbed.Common;

namespace Testbed.Servers.Tcp;

internal static class TcpCommand
{
    public static Command Create()
    {
        var command = new Command("tcp", "(not built yet)");
        command.SetAction(int (ParseResult _) => throw new UsageException("'tcp' is not built yet"));
        return command;
    }
}
