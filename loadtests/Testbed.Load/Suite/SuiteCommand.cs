using System.CommandLine;
using System.Runtime.InteropServices;
using Testbed.Common;
using Testbed.Load.Suite.Experiments;
using Testbed.Load.Suite.Launch;
using Testbed.Load.Suite.Results;

namespace Testbed.Load.Suite;

/// <summary>
/// <c>testbed-load suite [--quick|--full] [--only e1,e3] [--out DIR] [--targets local|compose]
/// [--experiments DIR]</c>: runs the comparison suite. Exit code 0 when every selected experiment
/// ran (whatever its verdicts), 1 when one failed (a target missing or wrong, a load that broke),
/// 2 for bad arguments or an invalid experiment file, 130 when interrupted (Ctrl-C, SIGTERM).
/// </summary>
public static class SuiteCommand
{
    /// <summary>128 + SIGINT, as shells report a Ctrl-C'd command.</summary>
    private const int ExitInterrupted = 130;

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Use each experiment's quick parameters (the default; all nine in a few minutes)" };
        var full = new Option<bool>("--full") { Description = "Use the sources' exact loads (long: tens of minutes)" };
        var only = new Option<string?>("--only") { Description = "Comma-separated experiment ids or names to run, e.g. e1,e3. Defaults to all" };
        var output = new Option<string>("--out") { Description = "Directory under which results/<timestamp>/ is written. Defaults to ./results", DefaultValueFactory = _ => "results" };
        var targets = new Option<string>("--targets") { Description = "local: start every role as a child process on 127.0.0.1 (default); compose: use each role's compose service address", DefaultValueFactory = _ => TargetModes.Local };
        var experiments = new Option<string?>("--experiments") { Description = "Directory of experiment files. Defaults to scripts/experiments of the repository" };
        var serverExe = new Option<string?>("--server-exe") { Description = "Path of testbed-server. Defaults to $TESTBED_SERVER_EXE, then the newest build in the repository" };
        var proxyExe = new Option<string?>("--proxy-exe") { Description = "Path of testbed-proxy. Defaults to $TESTBED_PROXY_EXE, then the newest build in the repository" };
        var command = new Command("suite", "Run the comparison suite: experiments E1-E9, claims, report.md/report.html/results.json");
        foreach (var option in new Option[] { quick, full, only, output, targets, experiments, serverExe, proxyExe })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(quick) && parse.GetValue(full))
            {
                throw new UsageException("--quick and --full are exclusive");
            }

            var targetMode = parse.GetValue(targets)!;
            if (targetMode is not (TargetModes.Local or TargetModes.Compose))
            {
                throw new UsageException($"--targets must be {TargetModes.Local} or {TargetModes.Compose}, not '{targetMode}'");
            }

            var directory = parse.GetValue(experiments) ?? DefaultExperimentsDirectory();
            var runDirectory = Path.Combine(parse.GetValue(output)!, DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            var options = new SuiteOptions
            {
                Mode = parse.GetValue(full) ? RunModes.Full : RunModes.Quick,
                Only = (parse.GetValue(only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
                OutputDirectory = Path.GetFullPath(runDirectory),
                Targets = targetMode,
                ExperimentsDirectory = directory,
                ServerExe = parse.GetValue(serverExe),
                ProxyExe = parse.GetValue(proxyExe),
            };
            // Ctrl-C and SIGTERM must reach the finally blocks that kill the servers: without a
            // handler of our own the runtime's default action ends the process at once and every
            // child (and its cgroup) would be left behind.
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                interrupt.Cancel();
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
            try
            {
                var suite = await new SuiteRunner(options, ProcessLoadDriver.ForSelf(), Console.Out, TimeProvider.System).RunAsync(interrupt.Token);
                return suite.Experiments.Any(e => e.Status == ExperimentStatuses.Failed) ? CommandLineApp.ExitFailure : CommandLineApp.ExitOk;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"testbed-load suite: interrupted; every server stopped; partial reports in {options.OutputDirectory}");
                return ExitInterrupted;
            }
            finally
            {
                ChildRegistry.KillAll();
            }
        });
        return command;
    }

    private static string DefaultExperimentsDirectory()
    {
        var root = ExecutableLocator.RepositoryRoot();
        return root is null ? Path.Combine("scripts", "experiments") : Path.Combine(root, "scripts", "experiments");
    }
}
