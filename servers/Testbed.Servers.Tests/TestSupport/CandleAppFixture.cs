using Testbed.Servers.Data;
using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// A TestServer in mode async over a small generated data set (2 days: 58 series × 2,880 rows) in a
/// temporary folder, so that the data tests take seconds, not the full file's generation time.
/// </summary>
public sealed class CandleAppFixture : IDisposable
{
    public const int Days = 2;

    private readonly Lazy<CandleTable> _candles;

    public CandleAppFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "testbed-candles-" + Guid.NewGuid().ToString("N"));
        CandleDataSet.Generate(Directory, new CandleGeneratorOptions { Days = Days });
        Factory = new WebServerFactory(new WebServerOptions { Mode = WorkerModes.Async, DataDirectory = Directory });
        Client = Factory.CreateClient();
        _candles = new Lazy<CandleTable>(() => CandleTable.Load(Path.Combine(Directory, CandleDataSet.FileName)));
    }

    public string Directory { get; }

    internal WebServerFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>The fixture's candle file, decoded once for all the tests that compare against it (the table is immutable).</summary>
    internal CandleTable Candles => _candles.Value;

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
