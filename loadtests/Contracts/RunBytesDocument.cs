namespace Testbed.Contracts;

/// <summary>Bytes received (the record's <c>bytes</c>): whole responses and decoded bodies.</summary>
internal sealed record RunBytesDocument
{
    public long Total { get; init; }

    public long Body { get; init; }
}
