using Testbed.Common;
using Testbed.Proxy.Commands;

return await CommandLineApp.RunAsync(ProxyCommand.Name, ProxyCommand.Create(), args);
