using Testbed.Common;
using Testbed.Proxy.Cli;

return await CommandLineApp.RunAsync(ProxyCommand.Name, ProxyCommand.Create(), args);
