using System.Diagnostics;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// The Native AOT <c>testbed-echo-child</c>, published once per test run from the source under test
/// (`dotnet publish servers/Testbed.EchoChild`) into a folder of its own in the test output, so that the
/// tests name it explicitly and the default lookup beside testbed-server stays what the test wants.
/// </summary>
internal static class AotEchoChild
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The published executable; the first call publishes (a minute or two on two cores).</summary>
    public static Task<string> PathAsync() => Published.Value;

    /// <summary>What Native AOT lacks on this machine, or null when clang and zlib's headers are there.</summary>
    public static string? MissingToolchain()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (!path.Any(dir => File.Exists(Path.Combine(dir, "clang"))))
            return "no clang on PATH";
        return File.Exists("/usr/include/zlib.h") ? null : "no /usr/include/zlib.h (zlib1g-dev)";
    }

    private static async Task<string> PublishAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "servers", "Testbed.EchoChild");
        var output = Path.Combine(AppContext.BaseDirectory, "aot-echo-child");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", output, "-p:CopyOutputSymbolsToPublishDirectory=false", "-nologo" })
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings would steer the nested build to the wrong SDK paths.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var executable = Path.Combine(output, "testbed-echo-child");
        if (process.ExitCode != 0 || !File.Exists(executable))
            throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}): {await stdout}{await stderr}");
        return executable;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Testbed.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Testbed.sln above {AppContext.BaseDirectory}");
    }
}
