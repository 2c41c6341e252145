using System.Buffers.Binary;
using System.Diagnostics;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.ParquetAdapter;

/// <summary>
/// Damaged and hostile files give one <see cref="ParquetFileException"/> naming the file: never
/// another exception type, a hang or a multi-line message.
/// </summary>
public sealed class HostileInputTests
{
    private const string Name = "damaged.parquet";

    // A case that takes longer than this counts as a hang.
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> BadDataFiles()
    {
        var data = new TheoryData<string>();
        if (SharedData.Root is null)
        {
            data.Add("(none)");
            return data;
        }

        foreach (var f in Directory.GetFiles(SharedData.BadDataDirectory, "*.parquet").Order())
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    // Damage data cat cannot see: ARROW-GH-45185 and ARROW-RS-GH-6229-LEVELS break repetition levels
    // of nested columns, which data cat lists but does not decode; ARROW-GH-43605's dictionary indices
    // have bit width 0, which Parquet.Net decodes as all zeros.
    private static readonly string[] Undetected = ["ARROW-GH-43605.parquet", "ARROW-GH-45185.parquet", "ARROW-RS-GH-6229-LEVELS.parquet"];

    [SharedDataTheory]
    [MemberData(nameof(BadDataFiles))]
    public void Read_BadDataFile_ThrowsOneLineNamingTheFile(string name)
    {
        var path = Path.Combine(SharedData.BadDataDirectory, name);
        if (Undetected.Contains(name))
        {
            Assert.NotEmpty(ParquetTable.Read(path, int.MaxValue).Columns);
        }
        else
        {
            AssertOneLine(Assert.Throws<ParquetFileException>(() => ParquetTable.Read(path, int.MaxValue)), path);
        }

        AssertOneLine(Assert.Throws<ParquetFileException>(() => CandleTable.Load(path)), path);
    }

    [Fact]
    public void Load_EveryTruncation_ThrowsParquetFileException()
    {
        var valid = SmallCandleFile.Create();
        for (var length = 0; length < valid.Length; length++)
        {
            var cut = valid[..length];
            AssertOneLine(Assert.Throws<ParquetFileException>(() => Bounded(() => CandleTable.Load(cut, Name))), Name);
            AssertOneLine(Assert.Throws<ParquetFileException>(() => Bounded(() => ParquetTable.Read(cut, Name, int.MaxValue))), Name);
        }
    }

    [Fact]
    public void Load_FooterLengthPastTheStart_ThrowsParquetFileException()
    {
        var bytes = SmallCandleFile.Create();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        AssertOneLine(Assert.Throws<ParquetFileException>(() => CandleTable.Load(bytes, Name)), Name);
    }

    [Fact]
    public void Load_ThreeThousandSeededMutations_EachLoadsOrThrowsParquetFileExceptionQuickly()
    {
        var valid = SmallCandleFile.Create();
        var footer = valid.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(valid.AsSpan(valid.Length - 8));
        var rnd = new Random(20240601);
        var watch = Stopwatch.StartNew();
        var rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = Mutate(valid, footer, rnd);
            try
            {
                Bounded(() => CandleTable.Load(bytes, Name));
                Bounded(() => ParquetTable.Read(bytes, Name, int.MaxValue));
            }
            catch (ParquetFileException e)
            {
                AssertOneLine(e, Name);
                rejected++;
            }
        }

        // Most mutations must be caught; a flip inside a price's mantissa is still a valid file.
        Assert.True(rejected > 1000, $"only {rejected} of 3000 mutations were rejected");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"3000 mutations took {watch.Elapsed}");
    }

    private static byte[] Mutate(byte[] valid, int footer, Random rnd)
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
                    bytes[footer + rnd.Next(valid.Length - footer - 8)] = (byte)rnd.Next(256);
                    break;
                case 2:
                    break;
                default:
                    bytes = bytes[..rnd.Next(Math.Max(bytes.Length, 1))];
                    break;
            }
        }

        return bytes;
    }

    /// <summary>Runs <paramref name="read"/> off the test thread so that a hang fails the test instead of stalling it.</summary>
    private static void Bounded<T>(Func<T> read)
    {
        var task = Task.Run(read);
        if (Task.WhenAny(task, Task.Delay(CaseLimit)).GetAwaiter().GetResult() != task)
        {
            Assert.Fail($"a read did not finish within {CaseLimit.TotalSeconds} s");
        }

        task.GetAwaiter().GetResult();
    }

    private static void AssertOneLine(ParquetFileException e, string file)
    {
        Assert.StartsWith(file + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length > file.Length + 4, e.Message);
    }
}
