namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// Locates ../shared/parquet-testing (beside the checkout) without copying it. TESTBED_SHARED
/// overrides the shared folder; when it is absent the tests that need it report themselves skipped.
/// </summary>
internal static class SharedData
{
    public static readonly string? Root = Find();

    public static string SkipReason => "../shared/parquet-testing is absent (set TESTBED_SHARED to the shared folder to run these tests)";

    public static string DataFile(string name) => Path.Combine(Root!, "data", name);

    public static string BadDataDirectory => Path.Combine(Root!, "bad_data");

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("TESTBED_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            var p = Path.Combine(env, "parquet-testing");
            return Directory.Exists(p) ? p : null;
        }

        // The source file's compile-time path finds the checkout even when built with --artifacts-path.
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Testbed.sln")))
                {
                    var p = Path.Combine(dir.FullName, "..", "shared", "parquet-testing");
                    return Directory.Exists(p) ? Path.GetFullPath(p) : null;
                }
            }
        }

        return null;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";
}
