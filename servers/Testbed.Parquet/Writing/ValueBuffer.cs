namespace Testbed.Parquet.Writing;

/// <summary>
/// The non-null values of a column in PLAIN byte form (without BYTE_ARRAY length prefixes):
/// fixed-width values back to back, or variable-width values with offsets.
/// </summary>
internal sealed class ValueBuffer(int width, int capacity)
{
    private byte[] _data = new byte[Math.Max(16, width > 0 ? width * capacity : capacity * 8)];
    private int[]? _offsets = width > 0 ? null : new int[capacity + 1];
    private int _length;

    public int Width { get; } = width;
    public int Count { get; private set; }
    public byte[] Data => _data;
    public int DataLength => _length;

    public ReadOnlySpan<byte> this[int i] => Width > 0 ? _data.AsSpan(i * Width, Width) : _data.AsSpan(_offsets![i], _offsets[i + 1] - _offsets[i]);

    /// <summary>Reserves the next value's bytes (variable width: <paramref name="length"/> bytes).</summary>
    public Span<byte> Next(int length)
    {
        if (Width > 0)
        {
            length = Width;
        }

        if (_data.Length - _length < length)
        {
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(_data.Length * 2L, _length + (long)length)));
        }

        var span = _data.AsSpan(_length, length);
        _length += length;
        Count++;
        if (_offsets is not null)
        {
            if (Count >= _offsets.Length)
            {
                Array.Resize(ref _offsets, _offsets.Length * 2);
            }

            _offsets[Count] = _length;
        }

        return span;
    }
}
