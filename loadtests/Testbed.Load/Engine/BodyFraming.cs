namespace Testbed.Load.Engine;

/// <summary>How the end of a response body is found (RFC 9112 section 6.3).</summary>
internal enum BodyFraming : byte
{
    None,
    ContentLength,
    Chunked,
    UntilClose,
}
