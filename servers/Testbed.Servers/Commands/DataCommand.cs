using System.CommandLine;
using Testbed.Servers.Data;

namespace Testbed.Servers.Commands;

/// <summary><c>testbed-server data</c>: Parquet tools — inspect a file, generate the candle data set, measure decoding.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Parquet tools: cat a file, generate the candle data set, benchmark decoding");
        command.Subcommands.Add(DataCatCommand.Create());
        command.Subcommands.Add(DataGenerateCommand.Create());
        command.Subcommands.Add(DataBenchCommand.Create());
        command.Subcommands.Add(DataSampleCommand.Create());
        return command;
    }
}
