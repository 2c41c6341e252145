using Testbed.Proxy.Configuration;

namespace Testbed.Proxy.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("2", 2000)]
    [InlineData("0.5", 500)]
    [InlineData("2s", 2000)]
    [InlineData("250ms", 250)]
    [InlineData("1m", 60000)]
    [InlineData(" 3S ", 3000)]
    [InlineData("0", 0)]
    public void TryParse_ValidText_GivesMilliseconds(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-1")]
    [InlineData("1h")]
    [InlineData("NaN")]
    public void TryParse_InvalidText_Fails(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
