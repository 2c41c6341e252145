namespace Testbed.Parquet;

/// <summary>A file that is corrupt, hostile or uses a feature this reader does not support.</summary>
public sealed class ParquetException(string message, Exception? inner = null) : Exception(message, inner);
