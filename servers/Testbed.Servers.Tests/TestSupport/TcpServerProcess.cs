using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Testbed.Servers.Tcp;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// The built <c>testbed-server tcp</c> running as a real child process on an ephemeral loopback port,
/// with its output captured, its ready line awaited and its stats file at hand.
/// </summary>
internal sealed partial class TcpServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TcpServerProcess(Process process, string statsFile)
    {
        Process = process;
        StatsFile = statsFile;
    }

    public Process Process { get; }

    public int Pid => Process.Id;

    public int Port { get; private set; }

    public string StatsFile { get; }

    public IReadOnlyCollection<string> Output => _output;

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Starts the server with <c>--port 0 --stats-file …</c> added; with <paramref name="maxOpenFiles"/>, under that ulimit.</summary>
    public static async Task<TcpServerProcess> StartAsync(string[] arguments, int? maxOpenFiles = null)
    {
        var statsFile = Path.Combine(Path.GetTempPath(), $"testbed-tcp-test-{Guid.NewGuid():N}.json");
        var start = Command(["tcp", "--port", "0", "--stats-file", statsFile, .. arguments], maxOpenFiles);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var server = new TcpServerProcess(Process.Start(start)!, statsFile);
        server.Process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        server.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._errors.Enqueue(e.Data); };
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        var exited = server.Process.WaitForExitAsync();
        var first = await Task.WhenAny(server._ready.Task, exited, Task.Delay(ReadyTimeout));
        if (first != server._ready.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"no ready line; stderr: {string.Join(" | ", server._errors)}");
        }

        server.Port = server._ready.Task.Result;
        return server;
    }

    /// <summary>Runs <c>testbed-server</c> to its exit; returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = Command(arguments, null);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        Assert.Equal(0, LibC.kill(Pid, LibC.SIGTERM));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    public JsonElement ReadStats()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(StatsFile));
        return document.RootElement.Clone();
    }

    /// <summary>The stats file as last written, or no counters yet when it has not been written.</summary>
    public JsonElement ReadStatsOrEmpty()
    {
        if (File.Exists(StatsFile))
            return ReadStats();
        using var empty = JsonDocument.Parse("{\"errors\":{}}");
        return empty.RootElement.Clone();
    }

    public static long Error(JsonElement stats, string kind) =>
        stats.GetProperty("errors").TryGetProperty(kind, out var value) ? value.GetInt64() : 0;

    public int DescriptorCount() => Directory.GetFiles($"/proc/{Pid}/fd").Length;

    /// <summary>Pids whose parent is the server (read from /proc/*/stat).</summary>
    public IReadOnlyList<int> ChildPids() => ChildrenOf(Pid);

    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                    children.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
        File.Delete(StatsFile);
    }

    private static ProcessStartInfo Command(IEnumerable<string> arguments, int? maxOpenFiles)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "testbed-server");
        var dll = Path.Combine(AppContext.BaseDirectory, "testbed-server.dll");
        List<string> command = File.Exists(apphost) ? [apphost] : ["dotnet", dll];
        command.AddRange(arguments);
        if (maxOpenFiles is int limit)
            command = ["/bin/sh", "-c", $"ulimit -n {limit} && exec \"$@\"", "sh", .. command];
        var start = new ProcessStartInfo(command[0]);
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        return start;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        var match = ReadyLine().Match(line);
        if (match.Success)
            _ready.TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^testbed-server tcp ready on 127\.0\.0\.1:(?<port>\d+) mode=\w+( child=\w+)?$")]
    private static partial Regex ReadyLine();
}
