using System.CommandLine;
using Testbed.Common;

var root = new RootCommand("testbed-load: load generator and comparison suite (not built yet)");
return await CommandLineApp.RunAsync("testbed-load", root, args);
