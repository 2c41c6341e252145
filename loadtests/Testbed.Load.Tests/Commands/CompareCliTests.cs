using Testbed.Load.Tests.Reporting;

namespace Testbed.Load.Tests.Commands;

/// <summary><c>testbed-load compare</c> as a process: the files it writes, the CI gate's exit code, bad arguments.</summary>
public sealed class CompareCliTests
{
    [Fact]
    public async Task Compare_WorseBeyondGate_Exit1WritesFilesAndNamesTheFigures()
    {
        var dir = Directory.CreateTempSubdirectory("compare-cli").FullName;
        try
        {
            var (code, stdout, stderr) = await CliTests.RunAsync("compare", RunComparisonTests.TestData("run.json"),
                RunComparisonTests.TestData("compare-new.json"), "--out", dir, "--fail-on-worse", "30");
            Assert.Equal(1, code);
            Assert.Contains("latency: p99 (ms)", stdout);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.Contains("latency p99 +50.0%", stderr);
            Assert.DoesNotContain("throughput", stderr); // -20%: worse, but within the 30% gate
            Assert.True(File.Exists(Path.Combine(dir, "compare.md")));
            Assert.True(File.Exists(Path.Combine(dir, "compare.html")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Compare_SameRecordWithGate_Exit0()
    {
        var dir = Directory.CreateTempSubdirectory("compare-cli").FullName;
        try
        {
            var run = RunComparisonTests.TestData("run.json");
            var (code, stdout, _) = await CliTests.RunAsync("compare", run, run, "--out", dir, "--fail-on-worse", "0");
            Assert.Equal(0, code);
            Assert.Contains("9 figures: 0 better, 0 worse, 9 within noise", stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("compare", "missing-a.json", "missing-b.json")]
    [InlineData("compare", "testdata/run.json")]
    [InlineData("compare", "testdata/run.json", "testdata/ab-report.txt")]
    [InlineData("compare", "testdata/run.json", "testdata/run.json", "--fail-on-worse", "-5")]
    [InlineData("compare", "testdata/run.json", "testdata/run.json", "--noise", "abc")]
    [InlineData("compare", "testdata/run.json", "testdata/run.json", "--out", "/proc/no-such-dir")]
    public async Task Compare_BadInput_ExitCode2AndOneLine(params string[] args)
    {
        args = args.Select(a => a.StartsWith("testdata/", StringComparison.Ordinal) ? Path.Combine(AppContext.BaseDirectory, a) : a).ToArray();
        var (code, _, stderr) = await CliTests.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-load:", stderr);
    }
}
