using System.Diagnostics;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests;

/// <summary>Runs one of the repository's executables (found as the suite finds them) to its end and captures its output.</summary>
internal static class ChildProcess
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string executable, params string[] args)
    {
        var (fileName, prefix) = ExecutableLocator.Find(executable, null, out var searched)
            ?? throw new FileNotFoundException($"{executable} not found; build it first (looked in {searched})");
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in prefix.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
