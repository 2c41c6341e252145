using Testbed.Suite.Launch;
using Testbed.Suite.Tests.Reports;

namespace Testbed.Suite.Tests.Commands;

/// <summary><c>testbed-suite compare</c> as a real process: files, the CI gate's exit code, bad arguments.</summary>
public sealed class CompareCommandTests
{
    [Fact]
    public async Task Compare_WorseBeyondGate_Exit1AndWritesIntoNew()
    {
        var root = Directory.CreateTempSubdirectory("suite-compare-cli").FullName;
        try
        {
            var (a, b) = SuiteComparisonTests.WriteFolders(root);
            var (code, stdout, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, "compare", a, b, "--fail-on-worse", "40");
            Assert.Equal(1, code);
            Assert.Contains("x1 2 backends: throughput (req/s)", stdout);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.Contains("x1 1 backend <&> p99 +50.0%", stderr);
            Assert.True(File.Exists(Path.Combine(b, "compare.md")));
            Assert.True(File.Exists(Path.Combine(b, "compare.html")));

            var (passing, _, _) = await ChildProcess.RunAsync(ExecutableLocator.Suite, "compare", a, b, "--fail-on-worse", "60", "--out", Path.Combine(root, "out"));
            Assert.Equal(0, passing);
            Assert.True(File.Exists(Path.Combine(root, "out", "compare.html")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("compare", "/nonexistent/a", "/nonexistent/b")]
    [InlineData("compare", "/tmp")]
    [InlineData("compare", "/tmp", "/tmp", "--fail-on-worse", "-1")]
    [InlineData("compare", "/tmp", "/tmp", "--noise", "x")]
    public async Task Compare_BadInput_ExitCode2AndOneLine(params string[] args)
    {
        var (code, _, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, args);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-suite:", stderr);
    }
}
