using System.CommandLine;
using System.Runtime.InteropServices;
using Testbed.Common;
using Testbed.Views;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Results;
using Testbed.Suite.Running;

namespace Testbed.Suite.Commands;

/// <summary>
/// <c>testbed-suite [--quick|--full] [--only e1,e3] [--out DIR] [--targets local|compose]
/// [--experiments DIR] [--server-exe|--proxy-exe|--load-exe PATH] [--cpu-limiter auto|cpulimit] [--pin auto|off]
/// [--generators G] [--dashboard [PORT]]</c>: runs the comparison suite.
/// It is the root command, so that later commands (compare) can sit beside it as subcommands.
/// Exit code 0 when every selected experiment ran (whatever its verdicts), 1 when one failed (a
/// target missing or wrong, a load that broke) or testbed-load is not found, 2 for bad arguments
/// or an invalid experiment file, 130 when interrupted (Ctrl-C, SIGTERM).
/// </summary>
internal static class SuiteCommand
{
    /// <summary>128 + SIGINT, as shells report a Ctrl-C'd command.</summary>
    private const int ExitInterrupted = 130;

    public const string Name = "testbed-suite";

    public static RootCommand Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Use each experiment's quick parameters (the default; all nine in a few minutes)" };
        var full = new Option<bool>("--full") { Description = "Use the sources' exact loads (long: tens of minutes)" };
        var only = new Option<string?>("--only") { Description = "Comma-separated experiment ids or names to run, e.g. e1,e3. Defaults to all" };
        var output = new Option<string>("--out") { Description = "Directory under which results/<timestamp>/ is written. Defaults to ./results", DefaultValueFactory = _ => "results" };
        var targets = new Option<string>("--targets") { Description = "local: start every role as a child process on 127.0.0.1 (default); compose: use each role's compose service address", DefaultValueFactory = _ => TargetModes.Local };
        var experiments = new Option<string?>("--experiments") { Description = "Directory of experiment files. Defaults to scripts/experiments of the repository" };
        var serverExe = new Option<string?>("--server-exe") { Description = "Path of testbed-server. Defaults to $TESTBED_SERVER_EXE, then the newest build in the repository" };
        var proxyExe = new Option<string?>("--proxy-exe") { Description = "Path of testbed-proxy. Defaults to $TESTBED_PROXY_EXE, then the newest build in the repository" };
        var loadExe = new Option<string?>("--load-exe") { Description = "Path of testbed-load, which runs every load. Defaults to $TESTBED_LOAD_EXE, then the one beside testbed-suite, then the newest build in the repository" };
        var limiter = new Option<string>("--cpu-limiter") { Description = "How roles' CPU limits are applied: auto (a cgroup when root, else cpulimit) or cpulimit (even as root; the cgroup then only counts CPU)", DefaultValueFactory = _ => CpuLimiters.Auto };
        var pin = new Option<string>("--pin") { Description = "auto: with 2+ cores, run the load generator on the last core and the servers on the others (taskset); off: no pinning", DefaultValueFactory = _ => "auto" };
        var generators = new Option<string?>("--generators") { Description = "Split every step's load over G testbed-load processes run at once (--segment I/G), merged into one record; overrides the steps' \"generators\". Defaults to each step's (1 unless it says)" };
        var dashboard = DashboardOption.Create("Serve the live page of the step in progress on http://127.0.0.1:PORT/ ('--dashboard' alone: a free port, printed at the start)");
        var command = new RootCommand("testbed-suite: runs the comparison suite (experiments E1-E9: roles, verification, loads through testbed-load, claims) and writes report.md/report.html/results.json");
        foreach (var option in new Option[] { quick, full, only, output, targets, experiments, serverExe, proxyExe, loadExe, limiter, pin, generators, dashboard })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(quick) && parse.GetValue(full))
            {
                throw new UsageException("--quick and --full are exclusive");
            }

            var targetMode = CommandLineApp.RequireOneOf("--targets", parse.GetValue(targets), [TargetModes.Local, TargetModes.Compose]);
            var limiterMode = CommandLineApp.RequireOneOf("--cpu-limiter", parse.GetValue(limiter), CpuLimiters.All);
            var pinMode = CommandLineApp.RequireOneOf("--pin", parse.GetValue(pin), ["auto", "off"]);

            int? generatorCount = parse.GetValue(generators) is { } g ? Count(() => GeneratorCount.Parse(g, "--generators")) : null;
            int? dashboardPort = DashboardOption.Port(parse, dashboard);
            var explicitLoad = parse.GetValue(loadExe);
            var driver = ProcessLoadDriver.Locate(explicitLoad, out var searched);
            if (driver is null)
            {
                if (explicitLoad is not null)
                {
                    throw new UsageException($"--load-exe {explicitLoad}: no such file");
                }

                Console.Error.WriteLine($"{Name}: testbed-load not found; build loadtests/Testbed.Load or pass --load-exe (looked in: {searched})");
                return CommandLineApp.ExitFailure;
            }

            // One clock for the run directory's name and everything the runner times.
            var time = TimeProvider.System;
            var directory = parse.GetValue(experiments) ?? DefaultExperimentsDirectory();
            var runDirectory = Path.Combine(parse.GetValue(output)!, time.GetLocalNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            var options = new SuiteOptions
            {
                Mode = parse.GetValue(full) ? RunModes.Full : RunModes.Quick,
                Only = (parse.GetValue(only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
                OutputDirectory = Path.GetFullPath(runDirectory),
                Targets = targetMode,
                ExperimentsDirectory = directory,
                ServerExe = parse.GetValue(serverExe),
                ProxyExe = parse.GetValue(proxyExe),
                CpuLimiter = limiterMode,
                Pin = pinMode == "auto",
                Generators = generatorCount,
                DashboardPort = dashboardPort,
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
                var suite = await new SuiteRunner(options, driver, Console.Out, time).RunAsync(interrupt.Token);
                return suite.Experiments.Any(e => e.Status == ExperimentStatuses.Failed) ? CommandLineApp.ExitFailure : CommandLineApp.ExitOk;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"{Name}: interrupted; every server stopped; partial reports in {options.OutputDirectory}");
                return ExitInterrupted;
            }
            finally
            {
                ChildRegistry.KillAll();
            }
        });
        return command;
    }

    /// <summary>A parsed option value; its InvalidDataException becomes the one-line usage error.</summary>
    private static int Count(Func<int> parse)
    {
        try
        {
            return parse();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>scripts/experiments of the repository this runs from (or of the current directory).</summary>
    internal static string DefaultExperimentsDirectory()
    {
        var root = ExecutableLocator.RepositoryRoot();
        return root is null ? Path.Combine("scripts", "experiments") : Path.Combine(root, "scripts", "experiments");
    }
}
