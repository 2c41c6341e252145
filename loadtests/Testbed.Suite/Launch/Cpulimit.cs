using System.Diagnostics;
using System.Globalization;

namespace Testbed.Suite.Launch;

/// <summary>
/// The cpulimit fallback: one <c>cpulimit -p PID -l PERCENT -z</c> per limited role, stopping and
/// resuming it with signals. Its two lineages spell "limit the children too" differently: upstream
/// cpulimit has <c>-i/--include-children</c>, Debian's 2.8 (LimitCPU) has <c>-m/--monitor-forks</c>
/// and prints its usage and exits on <c>-i</c>. The flag is read from its own --help, and a cpulimit
/// that exits at once is reported, never counted as a limit.
/// </summary>
internal static class Cpulimit
{
    /// <summary>How long cpulimit must stay up to count as started (a bad flag makes it exit at once).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    /// <summary>Starts cpulimit on <paramref name="pid"/>; the running process, or null with the reason.</summary>
    public static async Task<(Process? Process, string? Reason)> StartAsync(int pid, double cpus)
    {
        var path = ExecutableLocator.FindOnPath("cpulimit");
        if (path is null)
        {
            return (null, "cpulimit is not installed");
        }

        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = ["-p", pid.ToString(CultureInfo.InvariantCulture), "-l", Math.Max(1, (int)Math.Round(cpus * 100)).ToString(CultureInfo.InvariantCulture), "-z"];
        foreach (var arg in args.Concat(ChildrenFlag(HelpText(path))))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info);
        if (process is null)
        {
            return (null, $"could not start {path}");
        }

        ChildRegistry.Register(process.Id);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var settle = new CancellationTokenSource(Settle);
        try
        {
            await process.WaitForExitAsync(settle.Token);
        }
        catch (OperationCanceledException)
        {
            return (process, null); // still running: it is limiting
        }

        ChildRegistry.Unregister(process.Id);
        var output = (await stderr + " " + await stdout).ReplaceLineEndings(" ").Trim();
        var reason = $"cpulimit {string.Join(' ', info.ArgumentList)} exited at once with code {process.ExitCode}: {(output.Length > 200 ? output[..200] + "…" : output)}";
        process.Dispose();
        return (null, reason);
    }

    /// <summary>The flag that makes cpulimit limit the target's children too (--workers forks them), or none if this cpulimit has neither.</summary>
    internal static string[] ChildrenFlag(string help) =>
        help.Contains("--include-children", StringComparison.Ordinal) ? ["-i"]
        : help.Contains("--monitor-forks", StringComparison.Ordinal) ? ["-m"]
        : [];

    private static string HelpText(string path)
    {
        var info = new ProcessStartInfo(path, "--help") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info);
        if (process is null)
        {
            return "";
        }

        var stderr = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit(5000);
        return text;
    }
}
