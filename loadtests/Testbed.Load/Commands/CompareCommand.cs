using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Reporting;
using Testbed.Views;

namespace Testbed.Load.Commands;

/// <summary>
/// <c>testbed-load compare A.json B.json [--out DIR] [--noise PCT] [--fail-on-worse PCT]</c>: two run
/// records side by side, each figure's change and verdict, printed and written as compare.md and
/// compare.html. Exit 1 with --fail-on-worse when a figure is worse by more than PCT; 2 on bad input.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var baseFile = new Argument<string>("base") { Description = "The base run record (--json output)" };
        var newFile = new Argument<string>("new") { Description = "The new run record, compared with the base" };
        var output = new Option<string>("--out") { Description = "Directory for compare.md and compare.html. Defaults to the current directory", DefaultValueFactory = _ => "." };
        var noise = new Option<double>("--noise") { Description = "A change within this many percent counts as noise. Defaults to 5", DefaultValueFactory = _ => CompareGate.DefaultNoisePercent };
        var failOnWorse = new Option<double?>("--fail-on-worse") { Description = "Exit 1 when any figure is worse (beyond noise) by more than this many percent" };
        var command = new Command("compare", "Compare two run records figure by figure (better, worse or within noise)");
        command.Arguments.Add(baseFile);
        command.Arguments.Add(newFile);
        foreach (var o in new Option[] { output, noise, failOnWorse }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var gate = parse.GetValue(failOnWorse);
            var threshold = parse.GetValue(noise);
            if ((CompareGate.Invalid("--noise", threshold) ?? CompareGate.Invalid("--fail-on-worse", gate)) is { } problem) throw new UsageException(problem);
            var a = parse.GetValue(baseFile)!;
            var b = parse.GetValue(newFile)!;
            Comparison comparison;
            try
            {
                comparison = RunComparison.Compare(Path.GetFileName(a), Read(a), Path.GetFileName(b), Read(b), threshold);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }

            return CompareGate.Finish(comparison, parse.GetValue(output)!, gate, Console.Out, Console.Error, "testbed-load");
        });
        return command;
    }

    private static string Read(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"compare: no such file '{path}'");
}
