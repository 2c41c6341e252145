namespace Testbed.Proxy.Tests.Support;

/// <summary>What a <see cref="TestBackend"/> saw of a request sent to /echo.</summary>
internal sealed record EchoedRequest(string Method, string Path, string Query, string Body, Dictionary<string, string> Headers);
