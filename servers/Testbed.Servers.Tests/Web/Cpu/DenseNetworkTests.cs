using Testbed.Servers.Web.Cpu;

namespace Testbed.Servers.Tests.Web.Cpu;

public sealed class DenseNetworkTests
{
    [Fact]
    public void Run_SameUnits_GivesBitIdenticalResults()
    {
        Assert.Equal(DenseNetwork.Shared.Run(7), DenseNetwork.Shared.Run(7));
    }

    [Fact]
    public void Run_MoreUnits_ChangesTheResult()
    {
        Assert.NotEqual(DenseNetwork.Shared.Run(7).Checksum, DenseNetwork.Shared.Run(8).Checksum);
    }

    [Fact]
    public void Run_OneUnit_ProducesFiniteNonZeroOutput()
    {
        var result = DenseNetwork.Shared.Run(1);

        Assert.True(double.IsFinite(result.Checksum));
        Assert.NotEqual(0, result.Checksum);
    }
}
