using System.Runtime.CompilerServices;
using Testbed.Servers.Data;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// Every web server start makes sure its data set exists, generating the full candle file (about
/// 57 MB and 7 s of CPU) when it is missing. Tests that name no data folder use the default
/// <c>data</c> under the working directory (the test output folder), both in process
/// (<see cref="WebServerFactory"/>) and in the child processes of <see cref="ServerProcess"/>, which
/// inherit that directory. A 1-day data set put there before any test runs keeps those starts
/// fast and the output folder small. The data tests use folders of their own (<see cref="CandleAppFixture"/>).
/// </summary>
internal static class DefaultDataDirectory
{
#pragma warning disable CA2255 // A test assembly has no entry point: a module initializer is the one hook that runs before every test class and fixture.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void EnsureSmallDataSet()
    {
        var directory = Path.GetFullPath(CandleDataSet.DefaultDirectory);
        if (!File.Exists(Path.Combine(directory, CandleDataSet.FileName)))
        {
            CandleDataSet.Generate(directory, new CandleGeneratorOptions { Days = 1 });
        }
    }
}
