using System.CommandLine;
using Testbed.Common;

namespace Testbed.Servers.Web;

internal static class WebCommand
{
    public static Command Create()
    {
        var command = new Command("web", "(not built yet)");
        command.SetAction(int (ParseResult _) => throw new UsageException("'web' is not built yet"));
        return command;
    }
}
