using System.CommandLine;
using Testbed.Common;
using Testbed.Servers.Data;

namespace Testbed.Servers.Commands;

/// <summary><c>testbed-server data sample --out FILE [--codec C] [--rows N]</c>: writes a file with every supported type (for interop checks).</summary>
internal static class DataSampleCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "File to write.", Required = true };
        var codec = new Option<string>("--codec", "-c")
        {
            Description = $"Page compression: {string.Join(", ", DataCodecs.All)}. Defaults to {DataCodecs.Snappy}.",
            DefaultValueFactory = _ => DataCodecs.Snappy,
        };
        var rows = new Option<int>("--rows", "-n") { Description = "Rows (1..1000000). Defaults to 200.", DefaultValueFactory = _ => 200 };
        var command = new Command("sample", "Write a small file with a column of every supported type, required/optional, dictionary/PLAIN");
        command.Options.Add(output);
        command.Options.Add(codec);
        command.Options.Add(rows);
        command.SetAction(parseResult =>
        {
            var codecName = CommandLineApp.RequireOneOf("--codec", parseResult.GetValue(codec), DataCodecs.All);

            var n = parseResult.GetValue(rows);
            if (n is < 1 or > 1_000_000)
            {
                throw new UsageException($"--rows must be 1..1000000, not {n}");
            }

            var path = parseResult.GetValue(output)!;
            SampleFile.Write(path, DataCodecs.Parse(codecName), n);
            Console.WriteLine($"wrote {path}: {n} rows");
            return CommandLineApp.ExitOk;
        });
        return command;
    }
}
