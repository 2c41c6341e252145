using Testbed.Proxy.Balancing;
using Yarp.ReverseProxy.LoadBalancing;

namespace Testbed.Proxy.Tests.Balancing;

public sealed class BalancingPoliciesTests
{
    [Fact]
    public void Names_AreYarpsOwn()
    {
        Assert.Equal(BalancingPolicies.RoundRobin, LoadBalancingPolicies.RoundRobin);
        Assert.Equal(BalancingPolicies.LeastRequests, LoadBalancingPolicies.LeastRequests);
        Assert.Equal(BalancingPolicies.PowerOfTwoChoices, LoadBalancingPolicies.PowerOfTwoChoices);
        Assert.Equal(BalancingPolicies.Random, LoadBalancingPolicies.Random);
    }

    [Theory]
    [InlineData("roundrobin", BalancingPolicies.RoundRobin)]
    [InlineData("LEASTREQUESTS", BalancingPolicies.LeastRequests)]
    [InlineData("Random", BalancingPolicies.Random)]
    [InlineData("First", null)]
    public void Normalize_AnyCasing_GivesCanonicalNameOrNull(string input, string? expected) =>
        Assert.Equal(expected, BalancingPolicies.Normalize(input));
}
