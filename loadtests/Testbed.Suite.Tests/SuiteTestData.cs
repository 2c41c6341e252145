using System.Runtime.CompilerServices;

namespace Testbed.Suite.Tests;

/// <summary>Paths of the suite's test data, read from the source tree (golden files: see GoldenFile).</summary>
internal static class SuiteTestData
{
    // The source file's own path, fixed at compile time: the tests run from an output directory
    // that may be anywhere (--artifacts-path), but the test data lives beside this file.
    public static string Directory => Path.Combine(Path.GetDirectoryName(SourcePath())!, "testdata");

    public static string Root => Path.GetFullPath(Path.Combine(Directory, "..", "..", ".."));

    public static string ExperimentsDirectory => Path.Combine(Root, "scripts", "experiments");

    private static string SourcePath([CallerFilePath] string path = "") => path;

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
