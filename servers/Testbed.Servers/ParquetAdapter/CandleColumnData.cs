namespace Testbed.Servers.ParquetAdapter;

/// <summary>The candle file's columns, one array each, as <see cref="CandleParquet"/> reads and writes them.</summary>
internal sealed class CandleColumnData(int rows)
{
    public int Rows { get; } = rows;

    // Nullable only while reading: CandleParquet rejects a file with a null in them.
    public string?[] Exchange { get; } = new string?[rows];

    public string?[] Market { get; } = new string?[rows];

    public string?[] Asset { get; } = new string?[rows];

    /// <summary>Epoch milliseconds, UTC.</summary>
    public long[] BaseTm { get; } = new long[rows];

    /// <summary>o, h, l, c, v in <see cref="CandleParquet.Prices"/> order.</summary>
    public double[][] Prices { get; } = [new double[rows], new double[rows], new double[rows], new double[rows], new double[rows]];
}
