using System.Diagnostics;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Loads;

/// <summary>
/// Runs every load as a child testbed-load process: the generator's memory and descriptors stay
/// out of the runner, the report can print the exact command, and the suite depends only on the
/// run JSON contract, not on the engine's types.
/// </summary>
internal sealed class ProcessLoadDriver(string fileName, IReadOnlyList<string> prefix) : ILoadDriver
{
    /// <summary>Cores the load runs on (taskset -c), or null for any.</summary>
    public string? Cores { get; set; }

    /// <summary>The driver of the testbed-load found by <see cref="ExecutableLocator"/>, or null with where it looked.</summary>
    public static ProcessLoadDriver? Locate(string? explicitPath, out string searched) =>
        ExecutableLocator.Find(ExecutableLocator.Load, explicitPath, out searched) is (var program, var leading)
            ? new ProcessLoadDriver(program, leading)
            : null;

    public Task<LoadOutcome> RunAsync(LoadInvocation invocation, CancellationToken ct)
    {
        IEnumerable<string> arguments = invocation.DashboardPort is { } port
            ? [.. invocation.FullArguments, "--dashboard", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : invocation.FullArguments;
        return RunProcessAsync(invocation.Cores ?? Cores, arguments, invocation.CommandLine, invocation.HardTimeout, ct);
    }

    public Task<LoadOutcome> MergeAsync(IReadOnlyList<string> records, string output, CancellationToken ct)
    {
        string[] arguments = ["merge", .. records, "--out", output];
        return RunProcessAsync(null, arguments, LoadInvocation.Shown(arguments), TimeSpan.FromSeconds(120), ct);
    }

    private async Task<LoadOutcome> RunProcessAsync(string? cores, IEnumerable<string> arguments, string shown, TimeSpan hardTimeout, CancellationToken ct)
    {
        var (program, wrapped) = CorePlan.Wrap(cores, fileName, prefix.Concat(arguments));
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        wrapped.ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        ChildRegistry.Register(process.Id);
        var stderr = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Enqueue(e.Data);
                if (stderr.Count > 10)
                {
                    stderr.Dequeue();
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(hardTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !ct.IsCancellationRequested;
            ProcessTree.Kill(process.Id);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            ChildRegistry.Unregister(process.Id);
        }

        ct.ThrowIfCancellationRequested();
        await Task.Delay(50, CancellationToken.None); // the last stderr lines
        string error;
        lock (stderr)
        {
            error = string.Join(" | ", stderr);
        }

        return new LoadOutcome(timedOut ? -1 : process.ExitCode, shown, error, timedOut);
    }
}
