namespace Testbed.Parquet.Writing;

/// <summary>Compares values of a <see cref="ValueBuffer"/> by index, for building dictionaries.</summary>
internal sealed class ByteKeyComparer(ValueBuffer values) : IEqualityComparer<int>
{
    public bool Equals(int x, int y) => values[x].SequenceEqual(values[y]);

    public int GetHashCode(int obj)
    {
        var h = new HashCode();
        h.AddBytes(values[obj]);
        return h.ToHashCode();
    }
}
