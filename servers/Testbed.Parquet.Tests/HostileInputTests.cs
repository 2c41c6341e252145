using System.Buffers.Binary;
using System.Diagnostics;

namespace Testbed.Parquet.Tests;

/// <summary>Corrupt and hostile files give a ParquetException: never a hang, a crash or a huge allocation.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string> BadDataFiles()
    {
        var data = new TheoryData<string>();
        if (SharedData.Root is not null)
        {
            foreach (var f in Directory.GetFiles(SharedData.BadDataDirectory, "*.parquet").Order())
            {
                data.Add(Path.GetFileName(f));
            }
        }
        else
        {
            data.Add("(none)");
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(BadDataFiles))]
    public void ReadAllColumns_BadDataFile_ThrowsParquetException(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SharedData.BadDataDirectory, name));
        var e = Assert.Throws<ParquetException>(() => ReadEverything(bytes));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Open_TooShortOrBadMagic_ThrowsWithAClearMessage()
    {
        Assert.Contains("shorter", Assert.Throws<ParquetException>(() => ParquetReader.Open(new byte[5])).Message);
        var valid = ValidFile();
        var bad = (byte[])valid.Clone();
        bad[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<ParquetException>(() => ParquetReader.Open(bad)).Message);
        Assert.Contains("magic", Assert.Throws<ParquetException>(() => ParquetReader.Open(valid[..^1])).Message);
    }

    [Fact]
    public void Open_FooterLengthPastTheStart_Throws()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        Assert.Contains("footer length", Assert.Throws<ParquetException>(() => ParquetReader.Open(bytes)).Message);
    }

    [Fact]
    public void ReadColumn_EveryTruncation_ThrowsOrReads()
    {
        var valid = ValidFile();
        for (var length = 0; length < valid.Length; length++)
        {
            var cut = valid[..length];
            Assert.Throws<ParquetException>(() => ReadEverything(cut));
        }
    }

    [Fact]
    public void ReadColumn_TinyAllocationLimit_RefusesLargeColumns()
    {
        var bytes = ValidFile();
        using var reader = ParquetReader.Open(bytes, new ParquetReadOptions { MaxAllocationBytes = 1024 });
        Assert.Contains("allocation limit", Assert.Throws<ParquetException>(() => reader.ReadColumn<long>("id")).Message);
    }

    [Fact]
    public void ReadColumn_ThousandsOfRandomMutations_EachReadsOrThrowsParquetExceptionQuickly()
    {
        var valid = ValidFile();
        var rnd = new Random(20240601);
        var watch = Stopwatch.StartNew();
        var rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            var mutations = 1 + rnd.Next(4);
            for (var m = 0; m < mutations && bytes.Length > 0; m++)
            {
                switch (rnd.Next(4))
                {
                    case 0:
                        bytes[rnd.Next(bytes.Length)] = (byte)rnd.Next(256);
                        break;
                    case 1:
                        bytes[rnd.Next(bytes.Length)] ^= (byte)(1 << rnd.Next(8));
                        break;
                    case 2 when bytes.Length == valid.Length:
                        // Favour the footer, where the lengths and offsets live.
                        var footer = valid.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(valid.AsSpan(valid.Length - 8));
                        bytes[footer + rnd.Next(valid.Length - footer - 8)] = (byte)rnd.Next(256);
                        break;
                    case 2:
                        break;
                    default:
                        bytes = bytes[..rnd.Next(Math.Max(bytes.Length, 1))];
                        break;
                }
            }

            try
            {
                ReadEverything(bytes);
            }
            catch (ParquetException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 1000, $"only {rejected} of 3000 mutations were rejected");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"fuzzing took {watch.Elapsed}");
    }

    /// <summary>A small valid file with plain, dictionary and optional columns in two row groups.</summary>
    internal static byte[] ValidFile()
    {
        var fields = new[]
        {
            new ParquetField("id", ParquetType.Int64),
            new ParquetField("name", ParquetType.String, Nullable: true),
            new ParquetField("price", ParquetType.Double) { Dictionary = false },
            new ParquetField("flag", ParquetType.Boolean),
            new ParquetField("when", ParquetType.TimestampMillis, Nullable: true),
        };
        var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, fields, new ParquetWriteOptions { Compression = ParquetCompression.Snappy, PageRowCount = 40 }, leaveOpen: true))
        {
            for (var g = 0; g < 2; g++)
            {
                var ids = Enumerable.Range(g * 100, 100).Select(i => (long)i).ToArray();
                writer.WriteRowGroup(
                    ids,
                    ids.Select(i => i % 9 == 0 ? null : "name" + (i % 4)).ToArray(),
                    ids.Select(i => i * 1.25).ToArray(),
                    ids.Select(i => i % 3 == 0).ToArray(),
                    ids.Select(i => i % 5 == 0 ? (DateTime?)null : DateTime.UnixEpoch.AddMinutes(i)).ToArray());
            }
        }

        return stream.ToArray();
    }

    private static void ReadEverything(byte[] bytes)
    {
        using var reader = ParquetReader.Open(bytes);
        _ = reader.RowGroups;
        for (var c = 0; c < reader.Fields.Count; c++)
        {
            reader.ReadColumnValues(c);
        }
    }
}
