namespace Testbed.Load.Engine;

/// <summary>
/// Facts about the target shared by all clients of a run: the first response's Server header and,
/// for ab's length check, the first response's body length (ab's "Document Length").
/// </summary>
internal sealed class RunObservations
{
    private long _documentLength = -1;
    private string? _serverSoftware;

    public string? ServerSoftware => Volatile.Read(ref _serverSoftware);

    /// <summary>-1 until the first complete 2xx/3xx response.</summary>
    public long DocumentLength => Interlocked.Read(ref _documentLength);

    public void OfferServerSoftware(string value) => Interlocked.CompareExchange(ref _serverSoftware, value, null);

    /// <summary>
    /// ab's rule: the first response fixes the document length, every later one must match it.
    /// Returns false on a mismatch.
    /// </summary>
    public bool MatchesDocumentLength(long bodyLength)
    {
        long reference = Interlocked.Read(ref _documentLength);
        if (reference < 0)
        {
            reference = Interlocked.CompareExchange(ref _documentLength, bodyLength, -1);
            if (reference < 0) return true;
        }
        return reference == bodyLength;
    }
}
