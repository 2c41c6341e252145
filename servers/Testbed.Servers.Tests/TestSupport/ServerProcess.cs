using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Testbed.Servers.Commands;
using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// The real <c>testbed-server</c> executable as a child process (<c>dotnet testbed-server.dll</c>
/// from the test output), with its stdout lines and stderr collected. Disposing kills it and its children.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _stderr = new();

    private ServerProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stdout.Writer.TryComplete();
            }
            else
            {
                _stdout.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static ServerProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "testbed-server.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { WebCommand.ModeVariable, WebCommand.ThreadsVariable, WebCommand.WorkersVariable, WebCommand.UrlsVariable })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ServerProcess(Process.Start(info)!);
    }

    /// <summary>Waits for the public ready line; returns its url and workers fields.</summary>
    public async Task<(Uri Url, int Workers)> WaitForReadyAsync(TimeSpan? timeout = null)
    {
        using var timeoutSource = new CancellationTokenSource(timeout ?? ReadyTimeout);
        try
        {
            await foreach (var line in _stdout.Reader.ReadAllAsync(timeoutSource.Token))
            {
                var match = ReadyPattern().Match(line);
                if (match.Success)
                {
                    return (new Uri(match.Groups["url"].Value), int.Parse(match.Groups["workers"].Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new InvalidOperationException($"no ready line; stderr: {Stderr}");
    }

    /// <summary>The stdout lines printed so far (non-blocking).</summary>
    public List<string> DrainStdout()
    {
        var lines = new List<string>();
        while (_stdout.Reader.TryRead(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Process.WaitForExitAsync().WaitAsync(timeout);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
    }

    [GeneratedRegex(ReadyLine.Pattern)]
    private static partial Regex ReadyPattern();
}
