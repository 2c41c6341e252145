using System.Diagnostics;

namespace Testbed.Servers.Web.Supervision;

/// <summary>
/// One running worker: a child process of this executable, its stdout watched for the worker line.
/// Its stdin is a pipe the supervisor keeps open and never writes, so the worker can tell when the
/// supervisor is gone (see <see cref="Hosting.SupervisorWatchService"/>).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, int index)
    {
        _process = process;
        Index = index;
        Pid = process.Id;
        StartedAt = Stopwatch.GetTimestamp();
        Exited = WatchAsync();
    }

    public int Index { get; }

    public int Pid { get; }

    public long StartedAt { get; }

    /// <summary>Completes when the worker prints its listening line.</summary>
    public Task Listening => _listening.Task;

    /// <summary>Completes with the exit code (128 + signal when killed by a signal).</summary>
    public Task<int> Exited { get; }

    public static WorkerProcess Start(int index, IReadOnlyList<string> arguments)
    {
        var (fileName, prefix) = SelfCommand();
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            // stderr is inherited: worker warnings and errors reach the supervisor's stderr directly.
            RedirectStandardError = false,
        };
        foreach (var argument in prefix.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        return new WorkerProcess(process, index);
    }

    public void Terminate() => NativeSignals.Send(Pid, NativeSignals.SigTerm);

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose() => _process.Dispose();

    private async Task<int> WatchAsync()
    {
        string? line;
        while ((line = await _process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith(ReadyLine.WorkerPrefix, StringComparison.Ordinal))
            {
                _listening.TrySetResult();
            }
            else
            {
                Console.Out.WriteLine(line);
            }
        }

        await _process.WaitForExitAsync();
        _listening.TrySetException(new InvalidOperationException(
            $"worker {Index} (pid {Pid}) exited with code {_process.ExitCode} before listening"));
        return _process.ExitCode;
    }

    /// <summary>How to start this same program again: the apphost directly, or <c>dotnet app.dll</c>.</summary>
    private static (string FileName, string[] Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("unknown process path");
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? (processPath, [typeof(WorkerProcess).Assembly.Location])
            : (processPath, []);
    }
}
