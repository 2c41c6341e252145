using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Commands;

[Collection(TimingSensitiveCollection.Name)]
public sealed class TcpCommandTests
{
    [Theory]
    [InlineData("--mode", "fork")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "eighty")]
    [InlineData("--workers", "0")]
    [InlineData("--idle-timeout", "0")]
    [InlineData("--host", "not-an-ip")]
    [InlineData("--no-such-flag", "1")]
    [InlineData("--child", "fork")]
    public async Task Tcp_BadFlag_ExitsWithCode2AndOneLine(string flag, string value)
    {
        var (exitCode, _, errors) = await TcpServerProcess.RunAsync("tcp", flag, value);
        Assert.Equal(2, exitCode);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
