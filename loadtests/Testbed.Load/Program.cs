using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Commands;

var root = new RootCommand("testbed-load: load generator (ab, users, threads, rate profiles over HTTP or raw TCP)");
root.Subcommands.Add(AbCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(ThreadsCommand.Create());
root.Subcommands.Add(RateCommand.Create());
root.Subcommands.Add(Testbed.Load.Suite.SuiteCommand.Create());
return await CommandLineApp.RunAsync("testbed-load", root, args);
