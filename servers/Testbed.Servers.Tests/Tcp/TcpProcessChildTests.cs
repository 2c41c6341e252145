using System.Net.Sockets;
using System.Text;
using Testbed.Servers.Tcp;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>
/// Process mode's two children: the Native AOT testbed-echo-child (published by the test from the source
/// under test) and the runtime child. Both are real processes on real sockets; they must answer and exit
/// alike, and the server must say which one it starts.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class TcpProcessChildTests
{
    [AotToolchainFact]
    public async Task AotChild_SequentialClients_EchoedByDistinctNativeChildren()
    {
        var child = await AotEchoChild.PathAsync();
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child", ProcessChildren.Aot, "--child-exe", child]);
        var pids = new List<int>();
        for (int i = 0; i < 10; i++)
        {
            var request = EchoClient.Request($"/aot/{i}");
            var reply = await EchoClient.ExchangeAsync(server.Port, request, TimeSpan.FromSeconds(30));
            Assert.Equal(200, reply.Status);
            Assert.Equal(request, reply.Body);
            pids.Add(reply.ServedBy);
        }

        Assert.Contains(server.Output, line => line.Contains(" mode=process child=aot", StringComparison.Ordinal));
        Assert.Equal(10, pids.Distinct().Count());
        Assert.DoesNotContain(server.Pid, pids);
        await TcpProcessModeTests.WaitUntil(() => server.ChildPids().Count == 0, TimeSpan.FromSeconds(10));
        Assert.Empty(server.ChildPids());
        Assert.Equal(0, await server.TerminateAsync());
        var stats = server.ReadStats();
        Assert.Equal(10, stats.GetProperty("answered").GetInt64());
        Assert.Equal(10, stats.GetProperty("processesStarted").GetInt64());
    }

    [AotToolchainFact]
    public async Task AotChild_WithoutChildFlag_IsTheDefaultAndRunsTheNativeExecutable()
    {
        var child = await AotEchoChild.PathAsync();
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child-exe", child, "--idle-timeout", "30"]);
        using var silent = await EchoClient.ConnectAsync(server.Port, CancellationToken.None);
        await TcpProcessModeTests.WaitUntil(() => server.ChildPids().Count == 1, TimeSpan.FromSeconds(30));

        var pid = Assert.Single(server.ChildPids());
        // The process serving the connection is the native program itself, not a runtime host.
        Assert.Equal(child, new FileInfo($"/proc/{pid}/exe").LinkTarget);
        Assert.Contains(server.Output, line => line.Contains(" child=aot", StringComparison.Ordinal));
    }

    [AotToolchainFact]
    public async Task AotChild_SilentClientAndCutRequest_SameOutcomesAsRuntimeChild()
    {
        var child = await AotEchoChild.PathAsync();
        var aot = await OutcomesAsync(["--child", ProcessChildren.Aot, "--child-exe", child]);
        var runtime = await OutcomesAsync(["--child", ProcessChildren.Runtime]);

        Assert.Equal(runtime, aot);
        // The outcomes themselves: one idle timeout, one empty connection, and answers for the rest.
        Assert.Equal("answered=2 closed_without_request=1 idle_timeout=1", aot);
    }

    [AotToolchainFact]
    public async Task AotChild_StandardInputIsAPipe_ExitsWithIoAndOneLineSayingSo()
    {
        // The child serves descriptor 0 with libc calls, not a Socket: a descriptor that is no TCP
        // socket must still be an outcome (Io), not a crash or a hang.
        var child = await AotEchoChild.PathAsync();
        var start = new System.Diagnostics.ProcessStartInfo(child) { RedirectStandardInput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal((int)ConnectionOutcome.Io, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("descriptor 0 is not a TCP socket", line, StringComparison.Ordinal);
    }

    [AotToolchainFact]
    public async Task AotChild_Sigterm_ChildrenEndAsAbortedAndServerExitsZero()
    {
        var child = await AotEchoChild.PathAsync();
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child-exe", child, "--idle-timeout", "60"]);
        var silent = new List<Socket>();
        for (int i = 0; i < 2; i++)
            silent.Add(await EchoClient.ConnectAsync(server.Port, CancellationToken.None));
        await TcpProcessModeTests.WaitUntil(() => server.ChildPids().Count == 2, TimeSpan.FromSeconds(30));
        var children = server.ChildPids();
        // A child exists before its SIGTERM handler does; a native child installs it within milliseconds.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(0, await server.TerminateAsync());

        Assert.All(children, pid => Assert.False(TcpServerProcess.IsAlive(pid), $"child {pid} outlived the server"));
        // Each child woke from its blocked read and exited with the "aborted" code, not killed by SIGKILL.
        Assert.Equal(2, TcpServerProcess.Error(server.ReadStats(), TcpErrorKinds.Aborted));
        silent.ForEach(s => s.Dispose());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AotChild_RequestedButMissing_ExitsWithCode2AndOneLineNamingThePath(bool byName)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-child-{Guid.NewGuid():N}");
        string[] child = byName ? ["--child", ProcessChildren.Aot, "--child-exe", missing] : ["--child-exe", missing];

        var (exitCode, _, errors) = await TcpServerProcess.RunAsync(["tcp", "--mode", TcpModes.Process, "--port", "0", .. child]);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing, line);
        Assert.Contains("dotnet publish servers/Testbed.EchoChild", line);
    }

    [Fact]
    public async Task DefaultChild_NoAotBinary_FallsBackToRuntimeChildAndSaysWhy()
    {
        // The test output has no testbed-echo-child beside testbed-server (the AOT tests publish theirs elsewhere).
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, ProcessChildren.AotExecutableName)));
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process]);

        var reply = await EchoClient.ExchangeAsync(server.Port, EchoClient.Request("/fallback"), TimeSpan.FromSeconds(30));

        Assert.Equal(200, reply.Status);
        Assert.Contains(server.Output, line => line.Contains(" mode=process child=runtime", StringComparison.Ordinal));
        await TcpProcessModeTests.WaitUntil(() => server.Errors.Count > 0, TimeSpan.FromSeconds(5));
        Assert.Contains(server.Errors, line => line.Contains("no Native AOT child", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs four connections through a process-mode server with <paramref name="childArguments"/>: a full
    /// request, a request cut at 1024 bytes with more following, a client that closes without a byte and
    /// one that stays silent past --idle-timeout; returns the server's final counters as one string.
    /// </summary>
    private static async Task<string> OutcomesAsync(string[] childArguments)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--idle-timeout", "1", "--stats-interval", "0.2", .. childArguments]);
        var full = await EchoClient.ExchangeAsync(server.Port, EchoClient.Request("/full"), TimeSpan.FromSeconds(60));
        Assert.Equal(200, full.Status);

        var oversized = Encoding.ASCII.GetBytes(new string('x', 3000));
        var cut = await EchoClient.ExchangeAsync(server.Port, oversized, TimeSpan.FromSeconds(60));
        Assert.Equal(oversized[..EchoProtocol.MaxRequestBytes], cut.Body);

        using (await EchoClient.ConnectAsync(server.Port, CancellationToken.None))
        {
            // Closed at once without a request.
        }

        using var silent = await EchoClient.ConnectAsync(server.Port, CancellationToken.None);
        await TcpProcessModeTests.WaitUntil(() => TcpServerProcess.Error(server.ReadStatsOrEmpty(), TcpErrorKinds.IdleTimeout) == 1
            && TcpServerProcess.Error(server.ReadStatsOrEmpty(), TcpErrorKinds.Empty) == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(0, await server.TerminateAsync());
        var stats = server.ReadStats();
        var errors = stats.GetProperty("errors").EnumerateObject().Select(e => $"{e.Name}={e.Value.GetInt64()}");
        return string.Join(' ', new[] { $"answered={stats.GetProperty("answered").GetInt64()}" }.Concat(errors.Order(StringComparer.Ordinal)));
    }
}
