using Testbed.Common;
using Testbed.Suite.Commands;

// The roles and loads inherit this process's environment. When the suite was a command of testbed-load,
// testbed-load's start-up set inline socket completions before starting any of them, so every
// measured server, proxy and load ran with it; keep their environment, and so the measurements,
// unchanged (an explicit value still wins).
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

var root = SuiteCommand.Create();
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(GradeCommand.Create());
return await CommandLineApp.RunAsync(SuiteCommand.Name, root, args);
