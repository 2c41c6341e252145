namespace Testbed.Proxy.Tests.Support;

/// <summary>Tests that assert on timing run one at a time, so they do not slow each other down.</summary>
[CollectionDefinition(Name)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
