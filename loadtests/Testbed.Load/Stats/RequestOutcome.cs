namespace Testbed.Load.Stats;

/// <summary>How one started request ended; every started request ends as exactly one of these.</summary>
internal enum RequestOutcome : byte
{
    /// <summary>A full response with a 2xx or 3xx status (or, for raw TCP, a clean close).</summary>
    Completed,
    /// <summary>A full response whose status is not 2xx/3xx.</summary>
    Non2xx,
    /// <summary>No usable response; see <see cref="FailureKind"/>.</summary>
    Failed,
}
