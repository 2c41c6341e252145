using System.CommandLine;
using Testbed.Common;

var root = new RootCommand("testbed-proxy: a YARP load balancer (not built yet)");
root.SetAction(int (ParseResult _) => throw new UsageException("not built yet"));
return await CommandLineApp.RunAsync("testbed-proxy", root, args);
