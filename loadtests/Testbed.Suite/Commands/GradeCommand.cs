using System.CommandLine;
using Testbed.Common;
using Testbed.Suite.Experiments;
using Testbed.Suite.Reports;
using Testbed.Suite.Running;

namespace Testbed.Suite.Commands;

/// <summary>
/// <c>testbed-suite grade --experiment ID --step NAME=RUN.json… [--mode quick|full] [--experiments DIR] [--out DIR]</c>:
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
        var output = new Option<string?>("--out") { Description = "Directory to write report.md, report.html and results.json into. Defaults to results/<timestamp>" };
        var command = new Command("grade", "Grade an experiment's claims from run records made elsewhere (a swarm's or a Kubernetes job's merged records)");
        foreach (var option in new Option[] { experiment, steps, mode, experiments, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var modeName = CommandLineApp.RequireOneOf("--mode", parse.GetValue(mode), [RunModes.Quick, RunModes.Full]);

            var records = parse.GetValue(steps)!.Select(Record).ToList();
            var time = TimeProvider.System;
            var directory = Path.GetFullPath(parse.GetValue(output)
                ?? Path.Combine("results", time.GetLocalNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));
            try
            {
                var all = ExperimentLoader.LoadDirectory(parse.GetValue(experiments) ?? SuiteCommand.DefaultExperimentsDirectory());
                var suite = RecordGrader.Grade(all, parse.GetValue(experiment)!, modeName, records, directory, time);
                ReportSet.WriteAll(suite, directory);
                ReportSet.PrintSummary(suite, directory, Console.Out);
                return CommandLineApp.ExitOk;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }

    private static (string Step, string Path) Record(string text)
    {
        var equals = text.IndexOf('=');
        return equals > 0 && equals < text.Length - 1
            ? (text[..equals], text[(equals + 1)..])
            : throw new UsageException($"--step must be STEP=RUN.json, not '{text}'");
    }
}
