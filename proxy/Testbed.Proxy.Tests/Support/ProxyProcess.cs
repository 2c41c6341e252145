using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Testbed.Proxy.Tests.Support;

/// <summary>The real testbed-proxy executable as a child process (dotnet testbed-proxy.dll ...).</summary>
internal sealed partial class ProxyProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProxyProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Stderr { get { lock (_stderr) { return _stderr.ToList(); } } }

    public static ProxyProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "testbed-proxy.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("TESTBED_BACKENDS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var proxy = new ProxyProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (proxy._stdout)
            {
                proxy._stdout.Add(e.Data);
            }

            if (ReadyLine().Match(e.Data) is { Success: true } match)
            {
                proxy._ready.TrySetResult(match.Groups["url"].Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (proxy._stderr)
                {
                    proxy._stderr.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return proxy;
    }

    /// <summary>Waits for the ready line and returns the URL it names.</summary>
    public async Task<Uri> WaitReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
        if (first != _ready.Task)
        {
            throw new TimeoutException($"no ready line; stderr: {string.Join(" | ", Stderr)}");
        }

        return new Uri(await _ready.Task);
    }

    public string ReadyLineText()
    {
        lock (_stdout)
        {
            return _stdout.First(l => ReadyLine().IsMatch(l));
        }
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^testbed-proxy ready on (?<url>\S+) backends=(?<n>\d+) policy=(?<policy>\w+)$")]
    private static partial Regex ReadyLine();
}
