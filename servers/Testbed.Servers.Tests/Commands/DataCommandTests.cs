using System.Diagnostics;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Tests.Commands;

/// <summary>Runs the real testbed-server executable as a child process.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "testbed-datacmd-" + Guid.NewGuid().ToString("N"));

    public DataCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Cat_CsvFormat_PrintsSchemaHeaderAndRows()
    {
        var file = WriteSample();
        var (code, stdout, _) = await RunAsync("data", "cat", file);
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("# name: String (ByteArray, optional)", StringComparison.Ordinal));
        var data = lines.Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("id,name,price,day", data[0]);
        Assert.Equal("1,\"a,b\",1.5,2024-02-29", data[1]);
        Assert.Equal("2,,-0.25,1970-01-01", data[2]);
        Assert.Equal(4, data.Length);
    }

    [Fact]
    public async Task Cat_JsonWithHead_PrintsSchemaAndTheFirstRows()
    {
        var file = WriteSample();
        var (code, stdout, _) = await RunAsync("data", "cat", file, "--format", "json", "--head", "2");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("schema").GetArrayLength());
        var rows = doc.RootElement.GetProperty("data");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("a,b", rows[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("name").ValueKind);
        Assert.Equal(-0.25, rows[1].GetProperty("price").GetDouble());
    }

    [Fact]
    public async Task Cat_CorruptFile_ExitsOneWithOneLineNamingTheFile()
    {
        var file = Path.Combine(_dir, "bad.parquet");
        await File.WriteAllTextAsync(file, "PAR1 not really parquet PAR1");
        var (code, _, stderr) = await RunAsync("data", "cat", file);
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"testbed-server: {file}: ", line);
    }

    [Fact]
    public async Task Cat_DamagedColumn_ExitsOneWithOneLineNamingFileAndColumn()
    {
        // A page of column "price" overwritten: the footer still parses, the column does not.
        var file = WriteSample();
        var bytes = await File.ReadAllBytesAsync(file);
        var chunk = await PriceChunkAsync(bytes);
        bytes.AsSpan((int)chunk.Offset, (int)chunk.Length).Fill(0xFF);
        await File.WriteAllBytesAsync(file, bytes);

        var (code, _, stderr) = await RunAsync("data", "cat", file);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"testbed-server: {file}: column price: ", line);
    }

    [Fact]
    public async Task Bench_DamagedCandleFile_ExitsOneWithOneLine()
    {
        var file = Path.Combine(_dir, "bad.parquet");
        await File.WriteAllBytesAsync(file, [.. "PAR1"u8, .. new byte[64], .. "PAR1"u8]);
        var (code, stdout, stderr) = await RunAsync("data", "bench", file, "--iterations", "1");
        Assert.Equal(1, code);
        Assert.DoesNotContain("bench ", stdout);
        Assert.StartsWith($"testbed-server: {file}: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("data", "cat", "/nonexistent/file.parquet")]
    [InlineData("data", "cat", "x.parquet", "--format", "xml")]
    [InlineData("data", "cat", "x.parquet", "--head", "-1")]
    [InlineData("data", "generate", "--days", "0")]
    [InlineData("data", "generate", "--codec", "lz4")]
    public async Task Data_BadArgument_ExitsTwoWithOneLine(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Generate_OneDayGzip_WritesAReadableFile()
    {
        var (code, stdout, _) = await RunAsync("data", "generate", "--out", _dir, "--days", "1", "--seed", "3", "--codec", "gzip");
        Assert.Equal(0, code);
        Assert.Contains("83520 rows", stdout);
        var table = ParquetTable.Read(Path.Combine(_dir, "candles.parquet"), 0);
        Assert.Equal(83520, table.RowCount);
        Assert.Equal("GZIP", table.Columns[4].Codec);
    }

    private string WriteSample()
    {
        var path = Path.Combine(_dir, "sample.parquet");
        DataField[] fields = [new DataField<int>("id"), new DataField<string>("name", true), new DataField<double>("price"), new DataField<DateOnly>("day")];
        WriteSampleAsync(path, fields).GetAwaiter().GetResult();
        return path;
    }

    private static async Task WriteSampleAsync(string path, DataField[] fields)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(fields[0], new[] { 1, 2, 3 });
        await group.WriteAsync(fields[1], new[] { "a,b", null!, "c" });
        await group.WriteAsync<double>(fields[2], new[] { 1.5, -0.25, 3 });
        await group.WriteAsync<DateOnly>(fields[3], new[] { new DateOnly(2024, 2, 29), new DateOnly(1970, 1, 1), new DateOnly(2000, 1, 1) });
        group.CompleteValidate();
    }

    private static async Task<(long Offset, long Length)> PriceChunkAsync(byte[] file)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(file));
        var meta = reader.RowGroups[0].RowGroup.Columns.Single(c => c.MetaData!.PathInSchema[0] == "price").MetaData!;
        return (meta.DataPageOffset, meta.TotalCompressedSize);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "testbed-server.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
