namespace Testbed.Load.Engine;

/// <summary>Where the incremental response parser stands after a chunk of input.</summary>
internal enum ParseStatus : byte
{
    NeedMore,
    Done,
    Malformed,
}
