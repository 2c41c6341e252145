using System.CommandLine;
using Testbed.Common;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Commands;

/// <summary>
/// <c>testbed-server data cat FILE [--head N] [--format csv|json]</c>: prints a Parquet file's schema
/// and rows, like parquet-tools. CSV: the schema as '#' comment lines, then a header and the rows;
/// JSON: one document {"file","rows","createdBy","schema":[...],"data":[{...}]}.
/// </summary>
internal static class DataCatCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The Parquet file to print." };
        var head = new Option<int?>("--head", "-n") { Description = "Print only the first N rows. Defaults to all rows." };
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", DataFormats.All)}. Defaults to {DataFormats.Csv}.",
            DefaultValueFactory = _ => DataFormats.Csv,
        };
        var command = new Command("cat", "Print a Parquet file's schema and rows");
        command.Arguments.Add(file);
        command.Options.Add(head);
        command.Options.Add(format);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var limit = parseResult.GetValue(head);
            if (limit is < 0)
            {
                throw new UsageException($"--head must be >= 0, not {limit}");
            }

            // Checked here rather than with AcceptOnlyFromAmong, whose error spans several lines.
            var chosen = CommandLineApp.RequireOneOf("--format", parseResult.GetValue(format), DataFormats.All);

            if (!File.Exists(path))
            {
                throw new UsageException($"no such file: {path}");
            }

            try
            {
                var table = ParquetTable.Read(path, limit ?? int.MaxValue);
                var output = Console.Out;
                var writer = chosen == DataFormats.Json
                    ? (Action<ParquetTable, TextWriter, string>)ParquetTextWriter.WriteJson
                    : ParquetTextWriter.WriteCsv;
                writer(table, output, Path.GetFileName(path));
                output.Flush();
                return CommandLineApp.ExitOk;
            }
            catch (Exception e) when (e is ParquetFileException or IOException or UnauthorizedAccessException or OutOfMemoryException)
            {
                Console.Out.Flush();
                Console.Error.WriteLine($"testbed-server: {ParquetGuard.Wrap(path, null, e).Message}");
                return CommandLineApp.ExitFailure;
            }
        });
        return command;
    }
}
