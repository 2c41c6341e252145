using System.CommandLine;
using Testbed.Common;

namespace Testbed.Servers.Data;

internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "(not built yet)");
        command.SetAction(int (ParseResult _) => throw new UsageException("'data' is not built yet"));
        return command;
    }
}
