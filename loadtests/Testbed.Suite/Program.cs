using Testbed.Common;
using Testbed.Suite.Commands;
using Testbed.Suite.Launch;
using Testbed.Views;

// The roles and loads inherit this process's environment (SuiteEnvironment says what it sets and why).
SuiteEnvironment.ApplyDefaults();

var root = SuiteCommand.Create();
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(GradeCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
return await CommandLineApp.RunAsync(SuiteCommand.Name, root, DashboardOption.WithExplicitPort(args));
