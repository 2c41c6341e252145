using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testbed.Load.Tests.TestServers;

namespace Testbed.Load.Tests.Commands;

/// <summary>The real executable as a child process: exit codes, the one-line error, the JSON contract.</summary>
public sealed class CliTests
{
    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "testbed-load.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    [Theory]
    [InlineData("ab", "not a url")]
    [InlineData("ab", "ftp://127.0.0.1/")]
    [InlineData("ab", "-n", "5", "-c", "10", "http://127.0.0.1:9/")]
    [InlineData("ab", "-c", "-1", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "abc", "http://127.0.0.1:9/")]
    [InlineData("users", "--users", "5", "http://127.0.0.1:9/")]
    [InlineData("users", "--users", "5", "--duration", "-3", "http://127.0.0.1:9/")]
    [InlineData("users", "--users", "5", "--duration", "2", "--wait", "500-100", "http://127.0.0.1:9/")]
    [InlineData("rate", "--rps", "0", "--duration", "1", "http://127.0.0.1:9/")]
    [InlineData("threads", "--threads", "2", "--loops", "0", "http://127.0.0.1:9/")]
    [InlineData("rate", "--rps", "5", "--duration", "1", "tcp://127.0.0.1/")]
    [InlineData("ab", "--io", "uring", "http://127.0.0.1:9/")]
    [InlineData("ab", "--io-threads", "0", "http://127.0.0.1:9/")]
    [InlineData("ab", "--io-threads", "257", "http://127.0.0.1:9/")]
    [InlineData("users", "--users", "5", "--duration", "1", "--io-threads", "-2", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "0/2", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "3/2", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "1/0", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "half", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "1/2/3", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "-1/2", "http://127.0.0.1:9/")]
    [InlineData("ab", "-n", "10", "-c", "2", "--segment", "3/3", "http://127.0.0.1:9/")]
    [InlineData("users", "--users", "2", "--duration", "1", "--segment", "3/3", "http://127.0.0.1:9/")]
    [InlineData("threads", "--threads", "2", "--segment", "3/4", "http://127.0.0.1:9/")]
    [InlineData("rate", "--rps", "1", "--duration", "1", "--segment", "2/2", "http://127.0.0.1:9/")]
    public async Task Main_BadInput_ExitCode2AndOneLine(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-load:", stderr);
    }

    [Fact]
    public async Task Main_TargetRefusesEverything_ExitCode1AndReportShowsIt()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var (code, stdout, _) = await RunAsync("ab", "-n", "5", "-c", "1", $"http://127.0.0.1:{port}/");
        Assert.Equal(1, code);
        Assert.Contains("Failed requests:        5", stdout);
        Assert.Contains("(Connect: 5, Receive: 0, Length: 0, Exceptions: 0)", stdout);
    }

    [Fact]
    public async Task Main_UsersWithJsonAndCsvQuiet_WritesContractFilesAndNothingOnStdout()
    {
        await using var server = new LoopbackHttpServer();
        string dir = Directory.CreateTempSubdirectory("testbed-load-").FullName;
        string json = Path.Combine(dir, "run.json"), csv = Path.Combine(dir, "run.csv");
        var (code, stdout, stderr) = await RunAsync("users", server.Url("/served/x,y"), "--users", "4", "--wait", "10-20",
            "--duration", "1.5", "--seed", "99", "--json", json, "--csv", csv, "--quiet");
        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        var root = RunRecordJson.Read(json);
        var parameters = root.Parameters.ToDictionary();
        Assert.Equal(ProfileNames.Users, root.Profile);
        Assert.Equal(99, root.Seed);
        Assert.Equal(4L, parameters["users"]);
        Assert.Equal(10L, parameters["waitMinMs"]);
        long completed = root.Counts.Completed;
        Assert.True(completed > 20);
        Assert.Equal(completed, root.ServedBy["x"] + root.ServedBy["y"]);
        Assert.Contains("--seed 99", root.CommandLine);
        Assert.StartsWith("Timestamp,User Count,Type,Name,Requests/s,Failures/s", File.ReadAllLines(csv)[0]);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Main_AbSegment2Of3_RunsItsShareAndRecordsIt()
    {
        await using var server = new LoopbackHttpServer();
        string dir = Directory.CreateTempSubdirectory("testbed-load-").FullName;
        string json = Path.Combine(dir, "run.json");
        var (code, _, stderr) = await RunAsync("ab", "-n", "11", "-c", "4", "-k", "--segment", "2/3", "--json", json, "-q", server.Url("/fixed"));
        Assert.True(code == 0, stderr);
        var root = RunRecordJson.Read(json);
        var parameters = root.Parameters.ToDictionary();
        Assert.Equal("2/3", parameters["segment"]);
        Assert.Equal(11L, parameters["requests"]); // the whole plan, as given
        Assert.Equal(4L, parameters["segmentRequests"]); // requests 1, 4, 7, 10
        Assert.Equal(1L, parameters["segmentConcurrency"]); // clients 1 of 0..3
        Assert.Equal(4, root.Counts.Started);
        var generator = Assert.Single(root.Generators!);
        Assert.Equal("2/3", generator.Segment);
        Assert.Equal(json, generator.File);
        Assert.True(generator.Pid > 0);
        // The CPU while the load ran is part of the process's whole CPU (start-up, JIT and writing the record besides).
        var (cpu, loadCpu) = (generator.CpuSeconds!.Value, generator.LoadCpuSeconds!.Value);
        Assert.True(loadCpu > 0 && loadCpu < cpu, $"loadCpuSeconds {loadCpu}, cpuSeconds {cpu}");
        Directory.Delete(dir, true);
    }
}
