using System.Runtime.CompilerServices;

namespace Testbed.Load.Tests.Suite;

/// <summary>Paths of the suite's test data and golden files, read from the source tree so that a golden file can be rewritten in place.</summary>
internal static class SuiteTestData
{
    // The source file's own path, fixed at compile time: the tests run from an output directory
    // that may be anywhere (--artifacts-path), but the golden files live beside this file.
    public static string Directory => Path.Combine(Path.GetDirectoryName(SourcePath())!, "testdata");

    public static string Root => Path.GetFullPath(Path.Combine(Directory, "..", "..", "..", ".."));

    public static string ExperimentsDirectory => Path.Combine(Root, "scripts", "experiments");

    private static string SourcePath([CallerFilePath] string path = "") => path;

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>Compares with a golden file; with TESTBED_UPDATE_GOLDEN=1 rewrites it instead (then review the diff).</summary>
    public static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        if (Environment.GetEnvironmentVariable("TESTBED_UPDATE_GOLDEN") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"golden file {name} written; review it and run again");
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }
}
