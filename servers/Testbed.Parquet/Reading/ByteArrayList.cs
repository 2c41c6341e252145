namespace Testbed.Parquet.Reading;

/// <summary>Variable-length values stored back to back: value i is Data[Offsets[i]..Offsets[i+1]].</summary>
internal sealed class ByteArrayList
{
    private readonly AllocationBudget _budget;
    private byte[] _data;
    private int[] _offsets;

    public ByteArrayList(AllocationBudget budget, int capacity)
    {
        _budget = budget;
        _offsets = new int[Math.Max(capacity, 0) + 1];
        _data = new byte[Math.Min(Math.Max(capacity * 8, 16), 1 << 20)];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index] => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    public void Add(ReadOnlySpan<byte> value)
    {
        var end = _offsets[Count];
        if (_data.Length - end < value.Length)
        {
            Grow(end + (long)value.Length);
        }

        if (Count + 1 >= _offsets.Length)
        {
            var n = _budget.CheckedLength(Math.Max(_offsets.Length * 2L, 16), sizeof(int), "byte array offsets");
            Array.Resize(ref _offsets, n);
        }

        value.CopyTo(_data.AsSpan(end));
        _offsets[Count + 1] = end + value.Length;
        Count++;
    }

    /// <summary>Appends prefix bytes of value <paramref name="prefixOf"/> followed by a suffix (DELTA_BYTE_ARRAY).</summary>
    public void AddWithPrefix(int prefixOf, int prefixLength, ReadOnlySpan<byte> suffix)
    {
        var start = _offsets[prefixOf];
        var end = _offsets[Count];
        if (_data.Length - end < prefixLength + suffix.Length)
        {
            Grow(end + (long)prefixLength + suffix.Length);
        }

        if (Count + 1 >= _offsets.Length)
        {
            var n = _budget.CheckedLength(Math.Max(_offsets.Length * 2L, 16), sizeof(int), "byte array offsets");
            Array.Resize(ref _offsets, n);
        }

        _data.AsSpan(start, prefixLength).CopyTo(_data.AsSpan(end));
        suffix.CopyTo(_data.AsSpan(end + prefixLength));
        _offsets[Count + 1] = end + prefixLength + suffix.Length;
        Count++;
    }

    private void Grow(long needed)
    {
        var size = Math.Max(needed, _data.Length * 2L);
        if (size > _budget.Limit)
        {
            size = needed;
        }

        var n = _budget.CheckedLength(size, 1, "byte array data");
        Array.Resize(ref _data, n);
    }
}
