using System.CommandLine;
using Testbed.Common;
using Testbed.Load.Reporting;
using Testbed.Load.Stats;

namespace Testbed.Load.Commands;

/// <summary>
/// <c>testbed-load merge RUN.json… [--out FILE]</c>: the run records of the generators that shared one
/// load (one per --segment) become one record, written to --out or stdout, with a summary on stderr.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("runs") { Description = "Run records (--json files) of the generators of one load", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Write the merged record here. Defaults to stdout" };
        var command = new Command("merge", "Merge the run records of several generators (one per --segment) into one record: counts add, histograms merge exactly, time series align on wall-clock seconds");
        command.Arguments.Add(files);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            string? outPath = parse.GetValue(output);
            RunExecutor.CheckWritable(outPath, "--out");
            var runs = paths.Select(Read).ToList();
            RunRecord merged;
            try
            {
                merged = RunMerger.Merge(runs, "testbed-load merge " + string.Join(' ', paths));
            }
            catch (InvalidDataException e)
            {
                throw new UsageException($"merge: {e.Message}");
            }
            using (var stream = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath))
            {
                JsonReportWriter.Write(stream, merged);
            }
            if (outPath is null) Console.Out.WriteLine();
            var c = merged.Statistics.Counts;
            Console.Error.WriteLine($"testbed-load: merged {runs.Count} records ({merged.Generators!.Count} generators): " +
                $"{c.Completed} completed, {c.Non2xx} non-2xx, {c.Failed} failed, {merged.Rps:F1} req/s over {merged.DurationSeconds:F2} s, " +
                $"p99 {LatencySummary.From(merged.Statistics.Total).P99Ms} ms");
            foreach (var g in merged.Generators)
                Console.Error.WriteLine($"  generator {g.Segment} on {g.Host} (pid {g.Pid}): {(g.CpuSeconds is { } cpu ? $"{cpu:F2} s CPU" : "CPU not recorded")}{(g.LoadCpuSeconds is { } loadCpu ? $" ({loadCpu:F2} s while the load ran)" : "")}, {g.File}");
            return CommandLineApp.ExitOk;
        });
        return command;
    }

    private static RunRecord Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"merge: no such file '{path}'");
        try
        {
            var run = RunRecordReader.Read(path);
            // A single run's record names itself by the path its generator was given; merge knows it by this one.
            return run.Generators is [var only] ? run with { Document = run.Document with { Generators = [only with { File = path }] } } : run;
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"merge: {path}: {e.Message}");
        }
    }
}
