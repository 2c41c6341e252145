using System.Buffers;
using System.Text;

namespace Testbed.Parquet.Thrift;

/// <summary>Writes the Thrift compact protocol (only what the footer and page headers need).</summary>
internal sealed class ThriftCompactWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Clear()
    {
        _buffer.Clear();
        _lastIds.Clear();
        _lastId = 0;
    }

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, ThriftType.I32);
        Varint(ZigZag(value));
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, ThriftType.I64);
        Varint(ZigZag(value));
    }

    /// <summary>Writes Thrift's optional field <paramref name="id"/> only when it has a value.</summary>
    public void OptionalI32(short id, int? value)
    {
        if (value is { } v)
        {
            FieldI32(id, v);
        }
    }

    /// <inheritdoc cref="OptionalI32"/>
    public void OptionalI64(short id, long? value)
    {
        if (value is { } v)
        {
            FieldI64(id, v);
        }
    }

    /// <inheritdoc cref="OptionalI32"/>
    public void OptionalBinary(short id, byte[]? value)
    {
        if (value is not null)
        {
            FieldBinary(id, value);
        }
    }

    public void FieldI32Byte(short id, sbyte value)
    {
        FieldHeader(id, ThriftType.Byte);
        Byte((byte)value);
    }

    public void FieldBool(short id, bool value) => FieldHeader(id, value ? ThriftType.BoolTrue : ThriftType.BoolFalse);

    public void FieldBinary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftType.Binary);
        Binary(value);
    }

    public void FieldString(short id, string value)
    {
        FieldHeader(id, ThriftType.Binary);
        Binary(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Starts a struct-valued field; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short id)
    {
        FieldHeader(id, ThriftType.Struct);
        BeginStruct();
    }

    public void FieldList(short id, byte elementType, int count)
    {
        FieldHeader(id, ThriftType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(byte elementType, int count)
    {
        if (count < 15)
        {
            Byte((byte)((count << 4) | elementType));
        }
        else
        {
            Byte((byte)(0xF0 | elementType));
            Varint((ulong)count);
        }
    }

    /// <summary>Starts a struct (a list element or a struct field's body).</summary>
    public void BeginStruct()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
    }

    public void EndStruct()
    {
        Byte(ThriftType.Stop);
        _lastId = _lastIds.Pop();
    }

    public void ElementI32(int value) => Varint(ZigZag(value));

    public void ElementI64(long value) => Varint(ZigZag(value));

    public void ElementString(string value) => Binary(Encoding.UTF8.GetBytes(value));

    private void FieldHeader(short id, byte type)
    {
        var delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            Byte((byte)((delta << 4) | type));
        }
        else
        {
            Byte(type);
            Varint(ZigZag(id));
        }

        _lastId = id;
    }

    private void Binary(ReadOnlySpan<byte> value)
    {
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    private void Byte(byte b)
    {
        var span = _buffer.GetSpan(1);
        span[0] = b;
        _buffer.Advance(1);
    }

    private void Varint(ulong v)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[i++] = (byte)v;
        _buffer.Advance(i);
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
}
