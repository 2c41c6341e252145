using System.CommandLine;
using Testbed.Common;
using Testbed.Views;
using Testbed.Load.Commands;

// For .NET's own sockets (`--io dotnet`): run socket completions
// inline on the epoll threads instead of hopping to the thread pool. Our continuations never block
// (parse, record, send the next request), and on a 2-core machine the hop costs more than the
// work. Must be set before the first socket is created; an explicit environment value wins.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

var root = new RootCommand("testbed-load: load generator (ab, users, threads, rate profiles over HTTP or raw TCP)");
root.Subcommands.Add(AbCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(ThreadsCommand.Create());
root.Subcommands.Add(RateCommand.Create());
root.Subcommands.Add(MergeCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
return await CommandLineApp.RunAsync("testbed-load", root, DashboardOption.WithExplicitPort(args));
