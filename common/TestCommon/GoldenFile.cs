using System.Runtime.CompilerServices;

namespace Testbed.TestCommon;

/// <summary>
/// Golden-file comparison shared (as linked source) by every test project. Compares
/// output with the calling test project's <c>testdata/NAME</c> in the source tree. With
/// TESTBED_UPDATE_GOLDEN=1 a file that differs (or is missing) is rewritten from the output and the
/// test still fails, so that an update run can never pass unnoticed: review the diff, run again.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "TESTBED_UPDATE_GOLDEN";

    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(ProjectDirectory(callerFile), "testdata", name);
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"golden file {path} rewritten; review the diff and run again without {UpdateVariable}");
        }

        Assert.True(expected is not null, $"golden file {path} is missing; run with {UpdateVariable}=1 to write it");
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// The test project's directory, found from the calling test's source path (fixed at compile
    /// time): tests run from an output directory that may be anywhere (--artifacts-path), but the
    /// golden files live in the source tree, where an update must write them.
    /// </summary>
    private static string ProjectDirectory(string callerFile)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(callerFile)!); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no test project above {callerFile}");
    }
}
