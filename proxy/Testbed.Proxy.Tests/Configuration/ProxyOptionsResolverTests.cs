using Testbed.Common;
using Testbed.Proxy.Balancing;
using Testbed.Proxy.Configuration;

namespace Testbed.Proxy.Tests.Configuration;

public sealed class ProxyOptionsResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("testbed-proxy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ProxyOptions Resolve(ProxyArguments args, string? environmentBackends = null) =>
        ProxyOptionsResolver.Resolve(args, name => name == ProxyOptionsResolver.BackendsVariable ? environmentBackends : null, _directory);

    private void WriteAppSettings(string json) => File.WriteAllText(Path.Combine(_directory, "appsettings.json"), json);

    private const string AppSettings = """
        {
          "ReverseProxy": {
            "Clusters": {
              "backends": {
                "LoadBalancingPolicy": "LeastRequests",
                "Destinations": {
                  "web1": { "Address": "http://10.0.0.1:8001" },
                  "web2": { "Address": "http://10.0.0.2:8001" }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void Resolve_BackendFlags_GiveBackendsAndDefaults()
    {
        var options = Resolve(new ProxyArguments { Backends = ["http://127.0.0.1:8001", "http://127.0.0.1:8002/"] });

        Assert.Equal(["b1", "b2"], options.Backends.Select(b => b.Id));
        Assert.Equal(new Uri("http://127.0.0.1:8002/"), options.Backends[1].Address);
        Assert.Equal(BalancingPolicies.RoundRobin, options.Policy);
        Assert.Equal("http://127.0.0.1:8000", options.Urls);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HealthInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.HealthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.UpstreamTimeout);
    }

    [Fact]
    public void Resolve_EnvironmentOnly_SplitsOnCommas()
    {
        var options = Resolve(new ProxyArguments(), " http://127.0.0.1:8001 ,http://127.0.0.1:8002");

        Assert.Equal(2, options.Backends.Count);
        Assert.Equal(8001, options.Backends[0].Address.Port);
    }

    [Fact]
    public void Resolve_FlagsAndEnvironment_FlagsWin()
    {
        var options = Resolve(new ProxyArguments { Backends = ["http://127.0.0.1:9001"] }, "http://127.0.0.1:8001,http://127.0.0.1:8002");

        Assert.Equal(9001, Assert.Single(options.Backends).Address.Port);
    }

    [Fact]
    public void Resolve_AppSettingsOnly_ReadsYarpShapeAndPolicy()
    {
        WriteAppSettings(AppSettings);

        var options = Resolve(new ProxyArguments());

        Assert.Equal(["web1", "web2"], options.Backends.Select(b => b.Id));
        Assert.Equal(BalancingPolicies.LeastRequests, options.Policy);
    }

    [Fact]
    public void Resolve_AppSettingsAndPolicyFlag_FlagWins()
    {
        WriteAppSettings(AppSettings);

        var options = Resolve(new ProxyArguments { Policy = "powerOfTwoChoices" });

        Assert.Equal(BalancingPolicies.PowerOfTwoChoices, options.Policy);
    }

    [Fact]
    public void Resolve_EnvironmentAndAppSettings_EnvironmentWins()
    {
        WriteAppSettings(AppSettings);

        var options = Resolve(new ProxyArguments(), "http://127.0.0.1:8001");

        Assert.Equal("b1", Assert.Single(options.Backends).Id);
    }

    [Fact]
    public void Resolve_BackendsDnsOnly_IsEnough()
    {
        var options = Resolve(new ProxyArguments { BackendsDns = "backend:8001", DnsRefresh = "250ms" });

        Assert.Empty(options.Backends);
        Assert.Equal(new DnsBackendSource("backend", 8001), options.DnsBackends);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.DnsRefresh);
    }

    [Theory]
    [InlineData("no backend")]
    public void Resolve_NothingAnywhere_Throws(string expected)
    {
        var e = Assert.Throws<UsageException>(() => Resolve(new ProxyArguments()));
        Assert.StartsWith(expected, e.Message);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("127.0.0.1:8001")]
    [InlineData("http://")]
    public void Resolve_UnparseableBackend_Throws(string url)
    {
        var e = Assert.Throws<UsageException>(() => Resolve(new ProxyArguments { Backends = [url] }));
        Assert.Contains("not an absolute http", e.Message);
    }

    [Fact]
    public void Resolve_UnknownPolicy_ThrowsListingValidOnes()
    {
        var e = Assert.Throws<UsageException>(() => Resolve(new ProxyArguments { Backends = ["http://127.0.0.1:1"], Policy = "Fastest" }));
        Assert.Contains("policy must be one of", e.Message);
        Assert.Contains(", not 'Fastest'", e.Message);
        Assert.Contains(BalancingPolicies.PowerOfTwoChoices, e.Message);
    }

    [Theory]
    [InlineData("backend")]
    [InlineData("backend:0")]
    [InlineData("backend:70000")]
    [InlineData(":8001")]
    public void Resolve_BadBackendsDns_Throws(string value)
    {
        Assert.Throws<UsageException>(() => Resolve(new ProxyArguments { BackendsDns = value }));
    }

    [Theory]
    [InlineData("--health-interval", "soon")]
    [InlineData("--timeout", "-1s")]
    [InlineData("--timeout", "0")]
    public void Resolve_BadDuration_Throws(string flag, string value)
    {
        var args = new ProxyArguments { Backends = ["http://127.0.0.1:1"] };
        args = flag == "--timeout" ? args with { Timeout = value } : args with { HealthInterval = value };
        Assert.Throws<UsageException>(() => Resolve(args));
    }

    [Fact]
    public void Resolve_HealthIntervalZero_TurnsActiveChecksOff()
    {
        var options = Resolve(new ProxyArguments { Backends = ["http://127.0.0.1:1"], HealthInterval = "0" });
        Assert.Equal(TimeSpan.Zero, options.HealthInterval);
    }

    [Fact]
    public void Resolve_MissingConfigFile_Throws()
    {
        var e = Assert.Throws<UsageException>(() => Resolve(new ProxyArguments { ConfigFile = "nope.json" }));
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void Resolve_BrokenConfigJson_Throws()
    {
        WriteAppSettings("{ \"ReverseProxy\": ");
        Assert.Throws<UsageException>(() => Resolve(new ProxyArguments()));
    }

    [Fact]
    public void Resolve_BadUrls_Throws()
    {
        Assert.Throws<UsageException>(() => Resolve(new ProxyArguments { Backends = ["http://127.0.0.1:1"], Urls = "localhost:8000" }));
    }
}
