using System.CommandLine;
using Testbed.Common;
using Testbed.Servers.Data;

namespace Testbed.Servers.Commands;

/// <summary><c>testbed-server data generate --out DIR [--days D] [--seed S] [--codec C]</c>: writes the candle data set.</summary>
internal static class DataGenerateCommand
{
    public static Command Create()
    {
        var defaults = new CandleGeneratorOptions();
        var output = new Option<string>("--out", "-o")
        {
            Description = $"Folder to write {CandleDataSet.FileName} into. Defaults to {CandleDataSet.DefaultDirectory}.",
            DefaultValueFactory = _ => CandleDataSet.DefaultDirectory,
        };
        var days = new Option<int>("--days", "-d")
        {
            Description = $"Days of 1-minute candles per series (1..3650). Defaults to {defaults.Days}.",
            DefaultValueFactory = _ => defaults.Days,
        };
        var seed = new Option<int>("--seed", "-s")
        {
            Description = $"Seed of the random walks; the same seed gives the same file. Defaults to {defaults.Seed}.",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var codec = new Option<string>("--codec", "-c")
        {
            Description = $"Page compression: {string.Join(", ", DataCodecs.All)}. Defaults to {DataCodecs.Snappy}.",
            DefaultValueFactory = _ => DataCodecs.Snappy,
        };
        var command = new Command("generate", "Write the deterministic OHLCV candle data set (a few million rows)");
        command.Options.Add(output);
        command.Options.Add(days);
        command.Options.Add(seed);
        command.Options.Add(codec);
        command.SetAction(parseResult =>
        {
            var codecName = CommandLineApp.RequireOneOf("--codec", parseResult.GetValue(codec), DataCodecs.All);

            var options = new CandleGeneratorOptions
            {
                Days = parseResult.GetValue(days),
                Seed = parseResult.GetValue(seed),
                Compression = DataCodecs.Parse(codecName),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException($"--{e.ParamName?.ToLowerInvariant()}: {e.Message.Split(Environment.NewLine)[0]}");
            }

            var result = CandleDataSet.Generate(parseResult.GetValue(output)!, options);
            Console.WriteLine($"wrote {result.Path}: {result.Rows} rows, {result.Bytes} bytes ({result.Bytes / 1048576.0:F1} MiB), {CandleUniverse.Series().Count()} series, {result.Elapsed.TotalSeconds:F2} s");
            return CommandLineApp.ExitOk;
        });
        return command;
    }
}
