namespace Testbed.Load.Tests.Reporting;

/// <summary>
/// Compares output with testdata/NAME. Set TESTBED_UPDATE_GOLDEN=1 to rewrite the files from the
/// current output (then review the diff before committing).
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        string source = Path.Combine(SourceDirectory(), "testdata", name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("TESTBED_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
            return;
        }
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", name)).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(file))!;
}
