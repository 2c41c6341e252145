using System.CommandLine;
using System.Globalization;
using Testbed.Common;
using Testbed.Load.Capacity;
using Testbed.Load.Engine;
using Testbed.Load.Engine.Io;
using Testbed.Load.Reporting;
using Testbed.Load.Stats;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Commands;

/// <summary>
/// <c>testbed-load capacity URL --slo 'p99&lt;500ms,errors&lt;1%'</c>: the highest constant arrival rate
/// (the open model, the rate profile's engine) at which the target meets the SLO, by doubling to a
/// bracket and bisecting it (<see cref="CapacitySearch"/>), each probe a warm-up then a measured
/// run judged on latency corrected for coordinated omission. Prints each probe as it ends, then the
/// answer with its bracket; --json writes a run record of the answer's probe with the whole search
/// in "capacity", --html the latency-against-rate chart. Exit 0 with an answer, 99 when no probe met
/// the SLO, 1 when no probe completed a request, 2 on bad input.
/// </summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var slo = new Option<string>("--slo") { Description = "What the target must meet, comma-separated thresholds: 'p99<500ms,errors<1%'", Required = true };
        var startRate = new Option<double>("--start") { Description = "First rate probed, req/s. Defaults to 10", DefaultValueFactory = _ => 10 };
        var minRate = new Option<double>("--min-rate") { Description = "Lowest rate probed when the start already fails. Defaults to 1", DefaultValueFactory = _ => 1 };
        var maxRate = new Option<double>("--max-rate") { Description = "Highest rate probed. Defaults to 100000", DefaultValueFactory = _ => 100_000 };
        var resolution = new Option<string>("--resolution") { Description = "Stop bisecting when (high - low) / low is at most this. Defaults to 5%", DefaultValueFactory = _ => "5%" };
        var probe = new Option<string>("--probe") { Description = "Measured length of each probe: 5s, 10s. Defaults to 5s (longer: fewer stalls mistaken for overload)", DefaultValueFactory = _ => "5s" };
        var warmUp = new Option<string>("--warm-up") { Description = "Warm-up run before each probe, at the probe's rate, not measured. Defaults to 1s", DefaultValueFactory = _ => "1s" };
        var maxDuration = new Option<string>("--max-duration") { Description = "Time budget of the whole search; no probe starts that would end past it. Defaults to 2m", DefaultValueFactory = _ => "2m" };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Requests outstanding at most; a probe that drops one fails. Defaults to 1000", DefaultValueFactory = _ => 1000 };
        var noKeepAlive = new Option<bool>("--no-keep-alive") { Description = "A new connection per request (pooled keep-alive connections by default)" };
        var common = new CommonOptions();
        var command = new Command(ProfileNames.Capacity, "Find the highest request rate that meets an SLO: bracket, then bisect, with constant-rate probes");
        foreach (var o in new Option[] { slo, startRate, minRate, maxRate, resolution, probe, warmUp, maxDuration, maxInFlight, noKeepAlive }) command.Options.Add(o);
        common.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            // Probes are judged on all of a probe's requests, and the next rate depends on the verdict: generators
            // in separate processes would each judge their own share and bisect apart.
            if (parse.GetValue(common.SegmentOption) is not null)
                throw new UsageException("capacity: --segment is not supported (each probe's verdict needs every generator's requests and decides the next rate; run one generator, with --io-threads for more sockets)");
            foreach (var (option, name) in new (Option, string)[] { (common.Threshold, "--threshold (use --slo)"), (common.AbortOnFail, "--abort-on-fail"),
                (common.Csv, "--csv"), (common.LatencyLog, "--latency-log"), (common.Dashboard, "--dashboard"), (common.HardStop, "--hard-stop (each probe has its own)") })
            {
                if (parse.GetResult(option) is { Implicit: false }) throw new UsageException($"capacity: {name} does not apply to a capacity search");
            }
            var objectives = ThresholdParser.ParseList(parse.GetValue(slo)!, "--slo");
            double start = parse.GetValue(startRate), min = parse.GetValue(minRate), max = parse.GetValue(maxRate);
            foreach (var (v, name) in new[] { (start, "--start"), (min, "--min-rate"), (max, "--max-rate") })
                if (v <= 0 || double.IsNaN(v) || double.IsInfinity(v)) throw new UsageException($"{name}: must be positive, got {v.ToString(CultureInfo.InvariantCulture)}");
            if (min > max) throw new UsageException("--min-rate: must not exceed --max-rate");
            double res = Resolution(parse.GetValue(resolution)!);
            var probeLength = ValueParsers.Duration(parse.GetValue(probe)!, "--probe", TimeSpan.FromSeconds(1));
            if (probeLength <= TimeSpan.Zero) throw new UsageException("--probe: must be positive");
            var warm = ValueParsers.Duration(parse.GetValue(warmUp)!, "--warm-up", TimeSpan.FromSeconds(1));
            var budget = ValueParsers.Duration(parse.GetValue(maxDuration)!, "--max-duration", TimeSpan.FromSeconds(1));
            if (budget < warm + probeLength) throw new UsageException($"--max-duration: {budget.TotalSeconds}s leaves no room for one probe ({(warm + probeLength).TotalSeconds}s)");
            int m = parse.GetValue(maxInFlight);
            ValueParsers.Positive(m, "--max-in-flight");
            bool keepAlive = !parse.GetValue(noKeepAlive);
            var settings = common.Bind(parse, keepAlive, checkLength: false, probeLength, m > 1000 ? 2048 : ClientOptions.DefaultReceiveBufferBytes);
            var target = settings.Setup.Target;
            string sloText = string.Join(",", objectives.Select(o => o.Text));

            var prober = new CapacityProber(settings.Setup, objectives, warm, probeLength, m, TimeProvider.System);
            var search = new CapacitySearch(new CapacitySearchOptions(start, min, max, res, budget, prober.Estimate), TimeProvider.System);
            var startedAt = DateTimeOffset.UtcNow;
            var output = settings.Quiet ? TextWriter.Null : Console.Out;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"testbed-load capacity: {target.Url} at {sloText} (each probe {warm.TotalSeconds:0.###}s warm-up + {probeLength.TotalSeconds:0.###}s, resolution {res * 100:0.##}%, at most {budget.TotalSeconds:0.#}s)"));
            int n = 0;
            var result = await search.RunAsync(sloText, prober.ProbeAsync, p => { output.WriteLine(CapacityReport.ProbeLine(++n, p)); output.Flush(); }, ct);
            output.WriteLine(result.Sentence + string.Create(CultureInfo.InvariantCulture, $"  ({result.Probes.Count} probes, {result.SearchSeconds:F1} s, stopped: {result.Stop})"));
            output.Flush();

            var shown = result.Probes.Where(p => p.Pass && p.Rate == result.Low).LastOrDefault() ?? result.Probes.LastOrDefault();
            var stats = shown?.Statistics ?? new RunAggregator(0, 1, trackCorrected: true).Close(0, 0, 0);
            var parameters = new List<KeyValuePair<string, object?>>
            {
                new("slo", sloText), new("startRate", start), new("minRate", min), new("maxRate", max), new("resolutionPercent", res * 100),
                new("probeSeconds", probeLength.TotalSeconds), new("warmUpSeconds", warm.TotalSeconds), new("maxDurationSeconds", budget.TotalSeconds),
                new("maxInFlight", m), new("keepAlive", keepAlive), new("timeoutSeconds", settings.Setup.Client.Timeout.TotalSeconds),
                new("recordedProbeRate", shown?.Rate), new("io", settings.Setup.Io),
                new("ioThreads", settings.Setup.Io == ClientTransport.Epoll ? settings.Setup.IoThreads : null), new("segment", settings.Segment.ToString()),
            };
            var run = new RunRecordDocument
            {
                Profile = ProfileNames.Capacity,
                Target = target.Url,
                CommandLine = settings.CommandLine,
                Parameters = parameters,
                Seed = settings.Setup.Seed,
                StartedAt = startedAt,
                Interrupted = result.Stop == "interrupted",
                Observed = new ObservedDocument { ServerSoftware = null, DocumentLength = 0 },
                Generators = [RunExecutor.ThisGenerator(settings, loadCpu: null)],
                Thresholds = shown?.Slo,
                Capacity = result.ToDocument(),
            };
            var record = RunRecord.Create(run, stats, shown?.MeasuredSeconds ?? 0) with
            {
                Host = target.Host, Port = target.Port, Path = target.PathAndQuery, VariableLength = true,
                KeepAlive = settings.Setup.Client.KeepAlive, Concurrency = m, RequestBodyBytes = settings.RequestBodyBytes,
            };
            if (settings.JsonPath is { } json)
            {
                using var file = File.Create(json);
                JsonReportWriter.Write(file, record);
            }
            if (settings.HtmlPath is { } html) File.WriteAllText(html, CapacityReport.RenderHtml(result, settings.CommandLine, target.Url));

            if (result.Probes.Count > 0 && result.Probes.All(p => p.Completed == 0))
            {
                Console.Error.WriteLine("testbed-load: capacity: no probe completed a request");
                return CommandLineApp.ExitFailure;
            }
            if (result.Low is null)
            {
                Console.Error.WriteLine($"testbed-load: {result.Sentence}");
                return ThresholdEvaluator.ExitThresholdFailed;
            }
            return CommandLineApp.ExitOk;
        });
        return command;
    }

    /// <summary>"5%" or "0.05".</summary>
    private static double Resolution(string text)
    {
        string t = text.Trim();
        bool pct = t.EndsWith('%');
        if (!double.TryParse(pct ? t[..^1] : t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) || v <= 0)
            throw new UsageException($"--resolution: '{text}' is not a positive fraction or percentage (e.g. 5%, 0.05)");
        return pct ? v / 100 : v;
    }
}
