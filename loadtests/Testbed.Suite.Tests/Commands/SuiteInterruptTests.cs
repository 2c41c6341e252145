using System.Diagnostics;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Commands;

/// <summary>Ctrl-C in the middle of a load: testbed-suite as a real process, interrupted with SIGINT.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SuiteInterruptTests : IDisposable
{
    private const string LongLoad = """
        {
          "id": "t9", "name": "long", "title": "A load long enough to interrupt",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "threaded", "--workers", "2", "--urls", "{url}"] } ],
          "steps": [ { "name": "slow", "role": "web", "path": "/sleep?ms=200", "profile": "ab", "args": ["-n", "300", "-c", "1"] } ],
          "claims": [ { "id": "c", "text": "anything", "expr": "slow.rps > 0" } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("suite-int-").FullName;

    [Fact]
    public async Task Suite_SigintDuringLoad_KillsServerWorkersAndLoadAndExits()
    {
        Assert.True(ExecutableLocator.Find(RoleExecutables.Server, null, out var searched) is not null, $"build servers/Testbed.Servers first (looked in {searched})");
        var experiments = Directory.CreateDirectory(Path.Combine(_directory, "experiments")).FullName;
        File.WriteAllText(Path.Combine(experiments, "t9.json"), LongLoad);
        var (fileName, prefix) = ExecutableLocator.Find(ExecutableLocator.Suite, null, out var searchedSuite) ?? throw new FileNotFoundException("testbed-suite not found in " + searchedSuite);
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in prefix.Concat(["--experiments", experiments, "--out", Path.Combine(_directory, "out")]))
        {
            info.ArgumentList.Add(arg);
        }

        using var suite = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var loadStarted = new TaskCompletionSource();
        suite.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("step slow") == true)
            {
                loadStarted.TrySetResult();
            }
        };
        suite.BeginOutputReadLine();
        suite.BeginErrorReadLine();
        try
        {
            await loadStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(1000);
            var tree = ProcessTree.WithDescendants(suite.Id).Skip(1).ToList();
            Assert.True(tree.Count >= 4, $"expected supervisor, 2 workers and the load under the suite, got {tree.Count}\n{output}");

            using (var kill = Process.Start("kill", ["-INT", suite.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await suite.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(130, suite.ExitCode);
            for (var i = 0; i < 30 && tree.Any(ProcessTree.IsAlive); i++)
            {
                await Task.Delay(100);
            }

            Assert.All(tree, pid => Assert.False(ProcessTree.IsAlive(pid), $"pid {pid} survived Ctrl-C"));
        }
        finally
        {
            ProcessTree.Kill(suite.Id);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
