namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift Statistics: min/max as PLAIN-encoded bytes of one value.</summary>
internal sealed class StatisticsData
{
    public byte[]? Max { get; set; }
    public byte[]? Min { get; set; }
    public long? NullCount { get; set; }
    public long? DistinctCount { get; set; }
    public byte[]? MaxValue { get; set; }
    public byte[]? MinValue { get; set; }
}
