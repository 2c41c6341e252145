using Testbed.Suite.Loads;
using Testbed.Suite.Results;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// The whole suite on experiment files written for one test, into a folder of its own: real roles
/// from the build output, every load a real child testbed-load, real reports under <see cref="Output"/>.
/// </summary>
internal sealed class TinySuite
{
    private readonly StringWriter _console = new();

    public TinySuite(string directory, params (string Name, string Json)[] files)
    {
        var experiments = Directory.CreateDirectory(Path.Combine(directory, "experiments")).FullName;
        foreach (var (name, json) in files)
        {
            File.WriteAllText(Path.Combine(experiments, name), json);
        }

        Options = new SuiteOptions { OutputDirectory = Path.Combine(directory, "out"), ExperimentsDirectory = experiments };
    }

    /// <summary>Set before <see cref="RunAsync"/> to run with other options (its output folder stays).</summary>
    public SuiteOptions Options { get; set; }

    public string Output => Options.OutputDirectory;

    /// <summary>What the suite printed so far.</summary>
    public string Console
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    public string Report(string name) => File.ReadAllText(Path.Combine(Output, name));

    public Task<SuiteResult> RunAsync()
    {
        var driver = ProcessLoadDriver.Locate(null, out var searched);
        Assert.True(driver is not null, $"build loadtests/Testbed.Load first (looked in {searched})");
        return new SuiteRunner(Options, driver, TextWriter.Synchronized(_console), TimeProvider.System).RunAsync(CancellationToken.None);
    }
}
