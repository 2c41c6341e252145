namespace Testbed.Servers.Data;

/// <summary>What <see cref="CandleDataSet.Generate"/> wrote.</summary>
internal sealed record CandleGenerationResult(string Path, long Rows, long Bytes, TimeSpan Elapsed);
