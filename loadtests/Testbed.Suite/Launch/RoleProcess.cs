using System.Diagnostics;

namespace Testbed.Suite.Launch;

/// <summary>
/// A role running as a local child process: started in its own cgroup (accounting, and the CPU
/// limit once ready, so that a 0.05-core server does not spend a minute starting up), watched for
/// its ready line or /healthz, and killed with its whole process tree on dispose.
/// </summary>
internal sealed class RoleProcess : IAsyncDisposable
{
    private const int OutputLines = 40;
    private static int _counter;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputGate = new();
    private readonly TaskCompletionSource _readyLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _cpulimit;
    private bool _disposed;

    private RoleProcess(RoleLaunch launch, Process process, Cgroup? cgroup)
    {
        Launch = launch;
        _process = process;
        Cgroup = cgroup;
    }

    public RoleLaunch Launch { get; }

    public Cgroup? Cgroup { get; }

    public int Pid => _process.Id;

    /// <summary>When the role's process exited (watched from the start), or null while it runs.</summary>
    public DateTimeOffset? ExitedAt { get; private set; }

    /// <summary>How it exited ("signal 9, SIGKILL", "code 1"), or null while it runs.</summary>
    public string? ExitDescription => ExitedAt is null ? null : ExitStatus.Describe(_process.ExitCode);

    /// <summary>How the CPU limit was applied (see <see cref="CpuLimitMethods"/>), or "none".</summary>
    public string LimitMethod { get; private set; } = CpuLimitMethods.None;

    /// <summary>Set when a requested CPU limit could not be applied.</summary>
    public string? Warning { get; private set; }

    public string RecentOutput
    {
        get
        {
            lock (_outputGate)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<RoleProcess> StartAsync(RoleLaunch launch, HttpClient http, CancellationToken ct)
    {
        var safeName = new string(launch.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' ? c : '_').ToArray());
        var cgroup = Cgroup.TryCreate($"testbed-suite-{Environment.ProcessId}-{safeName}-{Interlocked.Increment(ref _counter)}", out var cgroupReason);
        var (program, arguments) = CorePlan.Wrap(launch.Cores, launch.FileName, launch.Arguments);
        var info = new ProcessStartInfo(cgroup is null ? program : "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (cgroup is not null)
        {
            // Join the cgroup before exec'ing the server (same pid), so that no worker it forks
            // early can escape the accounting or the limit.
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(string.Concat(cgroup.ProcsFiles.Select(f => $"echo $$ > '{f}' && ")) + "exec \"$@\"");
            info.ArgumentList.Add("sh");
            info.ArgumentList.Add(program);
        }

        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new RoleStartException($"{launch.Name}: could not start {launch.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            cgroup?.Dispose();
            throw new RoleStartException($"{launch.Name}: cannot run {launch.FileName}: {e.Message}");
        }

        ChildRegistry.Register(process.Id);
        var role = new RoleProcess(launch, process, cgroup);
        try
        {
            // A role that dies mid-step must not be graded as if it lived: note the moment it exits.
            process.Exited += (_, _) => role.ExitedAt ??= DateTimeOffset.UtcNow;
            process.EnableRaisingEvents = true;
            if (process.HasExited)
            {
                role.ExitedAt ??= DateTimeOffset.UtcNow;
            }

            process.OutputDataReceived += (_, e) => role.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => role.OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await role.WaitReadyAsync(http, ct);
            await role.ApplyLimitAsync(cgroupReason);
            return role;
        }
        catch
        {
            await role.DisposeAsync();
            throw;
        }
    }

    public RoleSnapshot Snapshot()
    {
        var alive = !_process.HasExited;
        var fds = alive ? ProcessTree.OpenDescriptors(Pid) : double.NaN;
        if (Cgroup is not null)
        {
            return new RoleSnapshot(Cgroup.UsageMs(), LimitMethod is CpuLimitMethods.CgroupV1 or CpuLimitMethods.CgroupV2 ? Cgroup.ThrottledMs() : double.NaN, fds, alive, "cgroup");
        }

        return new RoleSnapshot(alive ? ProcessTree.CpuMs(Pid) : double.NaN, double.NaN, fds, alive, "proc");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ProcessTree.Kill(Pid, Cgroup?.Pids());
        if (_cpulimit is not null)
        {
            ProcessTree.Kill(_cpulimit.Id);
            ChildRegistry.Unregister(_cpulimit.Id);
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported by the no-leftover check, not here.
            }
        }

        ChildRegistry.Unregister(Pid);
        Cgroup?.Dispose();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }

        // The contract of every testbed app: one line containing "ready on <address>".
        if (line.Contains("ready on", StringComparison.Ordinal))
        {
            _readyLine.TrySetResult();
        }
    }

    private async Task WaitReadyAsync(HttpClient http, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Launch.ReadyTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        var healthy = Launch.Http ? PollHealthAsync(http, timeout.Token) : Task.Delay(Timeout.Infinite, timeout.Token);
        var first = await Task.WhenAny(_readyLine.Task, exited, healthy);
        ct.ThrowIfCancellationRequested();
        if (first == _readyLine.Task || (first == healthy && healthy.IsCompletedSuccessfully))
        {
            return;
        }

        if (_process.HasExited)
        {
            await Task.Delay(200, CancellationToken.None); // let the last lines of output arrive
            throw new RoleStartException($"{Launch.Name} exited with code {_process.ExitCode} before it was ready: {LastLines(3)}");
        }

        throw new RoleStartException($"{Launch.Name} was not ready after {Launch.ReadyTimeout.TotalSeconds:0} s: {LastLines(3)}");
    }

    private async Task PollHealthAsync(HttpClient http, CancellationToken ct)
    {
        while (true)
        {
            await Task.Delay(100, ct);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Launch.BaseUrl + "/healthz");
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(1));
                using var response = await http.SendAsync(request, attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }
        }
    }

    private async Task ApplyLimitAsync(string? cgroupReason)
    {
        if (Launch.Cpus is not { } cpus)
        {
            return;
        }

        if (Cgroup is not null && Launch.Limiter == CpuLimiters.Auto)
        {
            // Workers forked before the parent joined the group would escape the limit: sweep the tree in.
            foreach (var pid in ProcessTree.WithDescendants(Pid))
            {
                try
                {
                    Cgroup.Add(pid);
                }
                catch (IOException)
                {
                    // It exited meanwhile.
                }
            }

            Cgroup.SetLimit(cpus);
            LimitMethod = Cgroup.Method;
            return;
        }

        var why = Cgroup is null ? $"no cgroup ({cgroupReason})" : "--cpu-limiter cpulimit";
        var (cpulimit, reason) = await Cpulimit.StartAsync(Pid, cpus);
        if (cpulimit is not null)
        {
            _cpulimit = cpulimit;
            LimitMethod = CpuLimitMethods.Cpulimit;
            Warning = $"{why}; limited with cpulimit, which stops and resumes the process and is coarser";
            return;
        }

        Warning = $"CPU limit of {cpus} core(s) NOT applied ({why}; {reason}); ran unlimited";
    }

    private string LastLines(int count)
    {
        var lines = RecentOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(count));
    }
}
