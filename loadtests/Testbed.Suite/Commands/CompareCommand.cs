using System.CommandLine;
using Testbed.Common;
using Testbed.Suite.Reports;
using Testbed.Views;

namespace Testbed.Suite.Commands;

/// <summary>
/// <c>testbed-suite compare BASE NEW [--out DIR] [--noise PCT] [--fail-on-worse PCT]</c>: two result
/// folders step by step, printed and written as compare.md and compare.html (into NEW unless --out).
/// Exit 1 with --fail-on-worse when a figure is worse by more than PCT; 2 on bad input.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var baseDirectory = new Argument<string>("base") { Description = "The base run's folder (results/<timestamp>, holding results.json)" };
        var newDirectory = new Argument<string>("new") { Description = "The new run's folder, compared with the base" };
        var output = new Option<string?>("--out") { Description = "Directory for compare.md and compare.html. Defaults to the NEW folder" };
        var noise = new Option<double>("--noise") { Description = "Noise threshold in percent for steps without repeats. Defaults to 5", DefaultValueFactory = _ => CompareGate.DefaultNoisePercent };
        var failOnWorse = new Option<double?>("--fail-on-worse") { Description = "Exit 1 when any figure is worse (beyond noise) by more than this many percent" };
        var command = new Command("compare", "Compare two suite runs step by step (better, worse or within noise)");
        command.Arguments.Add(baseDirectory);
        command.Arguments.Add(newDirectory);
        foreach (var option in new Option[] { output, noise, failOnWorse })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var gate = parse.GetValue(failOnWorse);
            var threshold = parse.GetValue(noise);
            if ((CompareGate.Invalid("--noise", threshold) ?? CompareGate.Invalid("--fail-on-worse", gate)) is { } problem)
            {
                throw new UsageException(problem);
            }

            var after = parse.GetValue(newDirectory)!;
            Comparison comparison;
            try
            {
                comparison = SuiteComparison.Compare(parse.GetValue(baseDirectory)!, after, threshold);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }

            return CompareGate.Finish(comparison, parse.GetValue(output) ?? after, gate, Console.Out, Console.Error, SuiteCommand.Name);
        });
        return command;
    }
}
