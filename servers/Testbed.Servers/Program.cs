using System.CommandLine;
using Testbed.Common;
using Testbed.Servers.Commands;

var root = new RootCommand("testbed-server: the target servers of the Testbed experiments")
{
    WebCommand.Create(),
    TcpCommand.Create(),
    DataCommand.Create(),
};
return await CommandLineApp.RunAsync("testbed-server", root, args);
