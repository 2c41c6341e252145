using System.CommandLine;
using Testbed.Common;
using Testbed.Suite.Experiments;
using Testbed.Suite.Reports;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Commands;

/// <summary>
/// <c>testbed-suite grade --experiment ID --step NAME=RUN.json… [--stats-before NAME=FILE --stats-after NAME=FILE…] [--mode quick|full] [--experiments DIR] [--out DIR]</c>:
/// grades an experiment's claims and expectations from run records made elsewhere (a cluster's
/// merged records), writes report.md/report.html/results.json and prints the summary of claims.
/// Exit 0 when it graded (whatever the verdicts), 2 on bad input.
/// </summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var experiment = new Option<string>("--experiment") { Description = "The experiment to grade: its id or name (e6, lb-stress)", Required = true };
        var steps = new Option<string[]>("--step") { Description = "STEP=RUN.json: the run record (e.g. a collector's merged.json) of one of the experiment's steps; repeat for each step (twice for one step: two runs, the median kept)", Required = true, AllowMultipleArgumentsPerToken = false };
        var mode = new Option<string>("--mode") { Description = "The parameter set the records were run with (labels and param.* in claims): quick or full. Defaults to quick", DefaultValueFactory = _ => RunModes.Quick };
        var experiments = new Option<string?>("--experiments") { Description = "Directory of experiment files. Defaults to scripts/experiments of the repository" };
        var statsBefore = new Option<string[]>("--stats-before") { Description = "STEP=FILE: the roles' stats snapshotted (testbed-suite stats) before that step's load; with --stats-after, the server's CPU per request, throttling and descriptors are graded as in a suite run (repeat per step; a step's Nth pair goes with its Nth --step)", AllowMultipleArgumentsPerToken = false };
        var statsAfter = new Option<string[]>("--stats-after") { Description = "STEP=FILE: the roles' stats snapshotted after that step's load (pairs with --stats-before)", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out") { Description = "Directory to write report.md, report.html and results.json into. Defaults to results/<timestamp>" };
        var command = new Command("grade", "Grade an experiment's claims from run records made elsewhere (a swarm's or a Kubernetes job's merged records)");
        foreach (var option in new Option[] { experiment, steps, mode, experiments, statsBefore, statsAfter, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var modeName = CommandLineApp.RequireOneOf("--mode", parse.GetValue(mode), [RunModes.Quick, RunModes.Full]);

            var records = parse.GetValue(steps)!.Select(Record).ToList();
            var stats = Pairs(parse.GetValue(statsBefore) ?? [], parse.GetValue(statsAfter) ?? []);
            var time = TimeProvider.System;
            var directory = Path.GetFullPath(parse.GetValue(output)
                ?? Path.Combine("results", time.GetLocalNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));
            try
            {
                var all = ExperimentLoader.LoadDirectory(parse.GetValue(experiments) ?? SuiteCommand.DefaultExperimentsDirectory());
                var suite = RecordGrader.Grade(all, parse.GetValue(experiment)!, modeName, records, directory, time, stats);
                ReportSet.PrintSummary(suite, ReportSet.WriteAll(suite, directory), Console.Out);
                return CommandLineApp.ExitOk;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }

    private static (string Step, string Path) Record(string text) => Split("--step", "STEP=RUN.json", text);

    /// <summary>Each step's before and after snapshots, paired in the order given.</summary>
    private static List<(string Step, string Before, string After)> Pairs(string[] before, string[] after)
    {
        var befores = before.Select(t => Split("--stats-before", "STEP=FILE", t)).ToList();
        var afters = after.Select(t => Split("--stats-after", "STEP=FILE", t)).ToList();
        var pairs = new List<(string Step, string Before, string After)>();
        foreach (var group in befores.GroupBy(b => b.Step))
        {
            var mine = afters.Where(a => a.Step == group.Key).ToList();
            if (mine.Count != group.Count())
            {
                throw new UsageException($"step {group.Key}: {group.Count()} --stats-before but {mine.Count} --stats-after (give both for each load)");
            }

            pairs.AddRange(group.Zip(mine, (b, a) => (group.Key, b.Path, a.Path)));
        }

        return afters.FirstOrDefault(a => !befores.Any(b => b.Step == a.Step)) is { Step: { } alone }
            ? throw new UsageException($"step {alone}: --stats-after without --stats-before (give both for each load)")
            : pairs;
    }

    private static (string Step, string Path) Split(string option, string shape, string text)
    {
        var equals = text.IndexOf('=');
        return equals > 0 && equals < text.Length - 1
            ? (text[..equals], text[(equals + 1)..])
            : throw new UsageException($"{option} must be {shape}, not '{text}'");
    }
}
