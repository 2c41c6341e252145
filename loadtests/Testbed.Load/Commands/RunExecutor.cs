using Testbed.Common;
using Testbed.Load.Dashboard;
using Testbed.Load.Diagnosis;
using Testbed.Load.Engine;
using Testbed.Load.Engine.Io;
using Testbed.Load.Reporting;
using Testbed.Load.Stats;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Commands;

/// <summary>
/// What every profile command does after parsing: run, then render the finished record (text on
/// stdout unless --quiet, --json, --csv, --html; --latency-log is written during the run) and choose the exit
/// code (1 when nothing completed or the latency log could not be written, else 99 when a --threshold failed).
/// </summary>
internal static class RunExecutor
{
    public static async Task<int> ExecuteAsync(ILoadProfile profile, CommonSettings settings,
        IReadOnlyList<KeyValuePair<string, object?>> parameters, int concurrency, bool variableLength,
        CancellationToken interrupt)
    {
        var target = settings.Setup.Target;
        parameters = [.. parameters, new("io", settings.Setup.Io),
            new("ioThreads", settings.Setup.Io == ClientTransport.Epoll ? settings.Setup.IoThreads : null),
            new("segment", settings.Segment.ToString())];
        await using var dashboard = settings.DashboardPort is { } port
            ? await DashboardServer.StartAsync(port, new DashboardHub(DashboardJson.Info(profile.Name, target.Url, settings.CommandLine, parameters)))
            : null;
        if (dashboard is not null) Console.Error.WriteLine($"testbed-load: dashboard on {dashboard.Url}");
        using var latencyLog = settings.LatencyLogPath is { } logPath ? LatencyLogWriter.Create(logPath) : null;
        var progress = ProgressLine.ShouldShow(settings.Quiet) ? new ProgressLine(Console.Error) : null;
        var onSecond = progress is null ? null : (Action<ProgressSnapshot>)progress.Show;
        if (dashboard is not null) onSecond += dashboard.Hub.Publish;
        // --abort-on-fail stops the run as Ctrl-C does (in-flight requests end as "aborted"), so the record stays complete.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var monitor = settings.AbortOnFail ? new AbortMonitor(settings.Thresholds, abort.Cancel) : null;
        if (monitor is not null) onSecond += monitor.Observe;
        var tallies = new RunTallies();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var (stats, observations, startedAt, seconds, interrupted) = await LoadRun.RunAsync(
            profile, settings.Setup, TimeProvider.System, abort.Token, onSecond, latencyLog, tallies);
        var loadCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        progress?.Finish();
        latencyLog?.Dispose();

        var run = new RunRecordDocument
        {
            Profile = profile.Name,
            Target = target.Url,
            CommandLine = settings.CommandLine,
            Parameters = parameters,
            Seed = settings.Setup.Seed,
            StartedAt = startedAt,
            Interrupted = interrupted,
            Observed = new ObservedDocument { ServerSoftware = observations.ServerSoftware, DocumentLength = observations.DocumentLength },
            Generators = [ThisGenerator(settings, loadCpu)],
            Thresholds = settings.Thresholds.Count == 0 ? null : ThresholdEvaluator.Evaluate(settings.Thresholds, stats, seconds, monitor?.Broken),
            Diagnosis = RunDiagnosis.Build(profile, settings.Setup.Io,
                settings.Setup.Io == ClientTransport.Epoll ? (settings.Setup.IoThreads > 0 ? settings.Setup.IoThreads : ClientTransport.DefaultIoThreads) : null,
                stats, seconds, interrupted, loadCpu, tallies.ThreadsAtStart, tallies.ThreadsAtEnd, tallies),
        };
        var record = RunRecord.Create(run, stats, seconds) with
        {
            Host = target.Host, Port = target.Port, Path = target.PathAndQuery, VariableLength = variableLength,
            KeepAlive = settings.Setup.Client.KeepAlive, Concurrency = concurrency, RequestBodyBytes = settings.RequestBodyBytes,
        };
        var html = settings.HtmlPath is not null || dashboard is not null ? HtmlReportWriter.Render(record) : null;
        dashboard?.Hub.Finish(DashboardJson.Final(record, html!), html!);

        if (!settings.Quiet)
        {
            if (profile.Name == ProfileNames.Ab)
            {
                AbReportWriter.Write(Console.Out, record);
                // ab's report keeps ab's layout; its warnings go where ab's own complaints go.
                foreach (var warning in run.Diagnosis.Warnings) Console.Error.WriteLine($"testbed-load: warning: {warning.Text}");
            }
            else SummaryReportWriter.Write(Console.Out, record);
            if (record.Thresholds is { } results) ThresholdReport.WriteText(Console.Out, results);
            Console.Out.Flush();
        }
        if (settings.JsonPath is { } json)
        {
            using var file = File.Create(json);
            JsonReportWriter.Write(file, record);
        }
        if (settings.CsvPath is { } csv)
        {
            using var writer = new StreamWriter(csv);
            CsvReportWriter.Write(writer, record);
        }
        if (settings.HtmlPath is { } htmlPath)
        {
            File.WriteAllText(htmlPath, html!);
        }
        if (latencyLog?.Error is { } logError)
        {
            Console.Error.WriteLine($"testbed-load: {logError}");
            return CommandLineApp.ExitFailure;
        }
        if (stats.Counts.Completed == 0)
        {
            Console.Error.WriteLine($"testbed-load: no request completed ({stats.Counts.Failed} failed, {stats.Counts.Non2xx} non-2xx)");
            return CommandLineApp.ExitFailure;
        }
        if (record.Thresholds?.Where(r => !r.Pass).ToList() is { Count: > 0 } failed)
        {
            // On stderr even with --quiet: a CI log shows why the step failed.
            Console.Error.WriteLine($"testbed-load: {failed.Count} of {record.Thresholds.Count} thresholds failed: "
                + string.Join(", ", failed.Select(f => $"{f.Expression} (measured {ThresholdReport.Measured(f)})"))
                + (monitor?.Broken is { } b ? $"; run stopped early by {b.Text}" : ""));
            return ThresholdEvaluator.ExitThresholdFailed;
        }
        return CommandLineApp.ExitOk;
    }

    /// <summary>Checks that an output file can be created before a long run, not after it.</summary>
    public static void CheckWritable(string? path, string option)
    {
        if (path is null) return;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir)) throw new UsageException($"{option}: directory '{dir}' does not exist");
    }

    /// <summary>
    /// This process as the record's one generator: its record file, segment, host and pid, its CPU
    /// over its whole life and, where known, over the load alone.
    /// </summary>
    internal static GeneratorDocument ThisGenerator(CommonSettings settings, TimeSpan? loadCpu) => new()
    {
        File = settings.JsonPath, Segment = settings.Segment.ToString(), Host = Environment.MachineName, Pid = Environment.ProcessId,
        CpuSeconds = Math.Round(Environment.CpuUsage.TotalTime.TotalSeconds, 3),
        LoadCpuSeconds = loadCpu is { } cpu ? Math.Round(cpu.TotalSeconds, 3) : null,
    };
}
