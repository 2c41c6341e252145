using System.CommandLine;
using System.Text;
using Testbed.Common;
using Testbed.Views;
using Testbed.Load.Engine;
using Testbed.Load.Engine.Io;

namespace Testbed.Load.Commands;

/// <summary>
/// Options shared by every profile: outputs, seed, timeouts, request shape and the hard stop. One
/// instance per command (System.CommandLine options belong to one command).
/// </summary>
internal sealed class CommonOptions
{
    public Argument<string> Url { get; } = new("url") { Description = "Target: http://host:port/path or tcp://host:port" };
    public Option<string?> Json { get; } = new("--json") { Description = "Write the run record (schema testbed-load/run@1) to this file" };
    public Option<string?> Csv { get; } = new("--csv") { Description = "Write the per-second time series (Locust stats-history columns) to this file" };
    public Option<string?> Html { get; } = new("--html") { Description = "Write a self-contained HTML report of the run (summary, time series, latency distribution, errors) to this file" };
    /// <summary>Takes a port; <see cref="DashboardOption.WithExplicitPort"/> supplies 0 (a free port) when the command line gives none.</summary>
    public Option<int?> Dashboard { get; } = DashboardOption.Create("Serve a live page of the run on http://127.0.0.1:PORT/ ('--dashboard' alone: a free port, printed on stderr)");
    public Option<string?> LatencyLog { get; } = new("--latency-log") { Description = "Write an HdrHistogram interval log of total latency (one interval per second, values in microseconds) to this file" };
    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed for think times and anything random. Defaults to a random seed, printed in the report" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No text report on stdout and no progress line" };
    public Option<double> Timeout { get; } = new("--timeout", "-s") { Description = "Response timeout per request in seconds. Defaults to 30 (ab's -s)", DefaultValueFactory = _ => 30 };
    public Option<double> ConnectTimeout { get; } = new("--connect-timeout") { Description = "Connect timeout in seconds. Defaults to 10", DefaultValueFactory = _ => 10 };
    public Option<string> Method { get; } = new("--method", "-m") { Description = "HTTP method. Defaults to GET (POST with -p)" };
    public Option<string[]> Headers { get; } = new("--header", "-H") { Description = "Extra header \"Name: value\"; repeat for more", AllowMultipleArgumentsPerToken = false };
    public Option<string?> PostFile { get; } = new("--post-file", "-p") { Description = "File whose bytes are sent as the request body (implies POST)" };
    public Option<string?> ContentType { get; } = new("--content-type", "-T") { Description = "Content-Type of the body. Defaults to text/plain with -p" };
    public Option<string?> Payload { get; } = new("--payload") { Description = "tcp:// targets: bytes to send, as text or @FILE. Defaults to a small HTTP/1.0 GET" };
    public Option<double?> HardStop { get; } = new("--hard-stop") { Description = "Abort everything after this many seconds. Defaults to duration + timeout + 5 s (3600 s + timeout for count-bounded runs)" };

    public Option<string?> Io { get; } = new("--io") { Description = "Socket engine: epoll (our own event loops; the default on Linux) or dotnet (.NET async sockets; the default elsewhere)" };
    public Option<string?> SegmentOption { get; } = new("--segment") { Description = "Run generator I's share of the load when it is split over N generators: I/N (1-based; e.g. 2/4). Defaults to the whole load" };
    public Option<int?> IoThreads { get; } = new("--io-threads") { Description = "Event-loop threads of the epoll engine. Defaults to one per two cores (at least one)" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Url);
        foreach (var o in new Option[] { Json, Csv, Html, Dashboard, LatencyLog, Seed, Quiet, Timeout, ConnectTimeout, Method, Headers, PostFile, ContentType, Payload, HardStop, Io, IoThreads, SegmentOption })
            command.Options.Add(o);
    }

    /// <summary>The --segment value, parsed (the whole load without it). Profiles call this before <see cref="Bind"/> to size their share.</summary>
    public Segment GetSegment(ParseResult parse) =>
        parse.GetValue(SegmentOption) is { } text ? ValueParsers.Segment(text, "--segment") : Segment.Whole;

    /// <summary>Validates and builds the run settings shared by all profiles.</summary>
    public CommonSettings Bind(ParseResult parse, bool keepAlive, bool checkLength, TimeSpan? duration,
        int receiveBufferBytes = ClientOptions.DefaultReceiveBufferBytes)
    {
        var target = Target.Parse(parse.GetValue(Url) ?? throw new UsageException("missing URL"));
        double timeout = parse.GetValue(Timeout);
        double connectTimeout = parse.GetValue(ConnectTimeout);
        if (timeout <= 0) throw new UsageException($"--timeout: must be positive, got {timeout}");
        if (connectTimeout <= 0) throw new UsageException($"--connect-timeout: must be positive, got {connectTimeout}");

        byte[]? body = null;
        if (parse.GetValue(PostFile) is { } postFile)
        {
            if (!File.Exists(postFile)) throw new UsageException($"-p: no such file '{postFile}'");
            body = File.ReadAllBytes(postFile);
        }
        string method = parse.GetValue(Method) ?? (body is null ? "GET" : "POST");
        if (method.Length == 0 || method.Any(ch => !char.IsAsciiLetterUpper(ch)))
            throw new UsageException($"-m: invalid method '{method}' (expected e.g. GET, POST, HEAD)");
        var headers = (parse.GetValue(Headers) ?? []).Select(ValueParsers.Header).ToList();

        RequestTemplate request;
        if (target.IsTcp)
        {
            string? payload = parse.GetValue(Payload);
            byte[] bytes = payload switch
            {
                null => RequestTemplate.DefaultTcpPayload(target),
                _ when payload.StartsWith('@') => File.Exists(payload[1..]) ? File.ReadAllBytes(payload[1..])
                    : throw new UsageException($"--payload: no such file '{payload[1..]}'"),
                _ => Encoding.UTF8.GetBytes(payload.Replace("\\r", "\r").Replace("\\n", "\n")),
            };
            if (bytes.Length == 0) throw new UsageException("--payload: must not be empty");
            request = RequestTemplate.ForTcp(bytes);
        }
        else
        {
            if (parse.GetValue(Payload) is not null) throw new UsageException("--payload applies to tcp:// targets only (use -p for an HTTP body)");
            request = RequestTemplate.ForHttp(target, method, keepAlive, headers, body,
                parse.GetValue(ContentType) ?? (body is null ? null : "text/plain"));
        }

        var client = new ClientOptions(keepAlive && !target.IsTcp, TimeSpan.FromSeconds(timeout),
            TimeSpan.FromSeconds(connectTimeout), checkLength, receiveBufferBytes);
        double? hard = parse.GetValue(HardStop);
        if (hard is <= 0) throw new UsageException($"--hard-stop: must be positive, got {hard}");
        var hardStop = hard is { } h ? TimeSpan.FromSeconds(h)
            : (duration ?? TimeSpan.FromHours(1)) + client.Timeout + TimeSpan.FromSeconds(5);
        string? io = parse.GetValue(Io);
        if (io is not null) CommandLineApp.RequireOneOf("--io", io, ClientTransport.Names);
        int ioThreads = parse.GetValue(IoThreads) ?? ClientTransport.DefaultIoThreads;
        if (ioThreads is < 1 or > 256) throw new UsageException($"--io-threads: must be between 1 and 256, got {ioThreads}");
        RunExecutor.CheckWritable(parse.GetValue(Json), "--json");
        RunExecutor.CheckWritable(parse.GetValue(Csv), "--csv");
        RunExecutor.CheckWritable(parse.GetValue(LatencyLog), "--latency-log");
        RunExecutor.CheckWritable(parse.GetValue(Html), "--html");
        int? dashboard = DashboardOption.Port(parse, Dashboard);
        int seed = parse.GetValue(Seed) ?? Random.Shared.Next(1, int.MaxValue);
        return new CommonSettings(new RunSetup(target, request, client, seed, hardStop, ClientTransport.Resolve(io), ioThreads),
            parse.GetValue(Json), parse.GetValue(Csv), parse.GetValue(Html), dashboard, parse.GetValue(LatencyLog), parse.GetValue(Quiet),
            "testbed-load " + string.Join(' ', parse.Tokens.Select(t => t.Value)), body?.Length ?? 0, GetSegment(parse));
    }
}
