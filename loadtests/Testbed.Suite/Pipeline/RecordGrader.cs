using System.Runtime.InteropServices;
using System.Text.Json;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Grades one experiment from run records made elsewhere (a swarm's or a Kubernetes job's collector,
/// another machine): each named step's figures come from its record as a suite run computes them,
/// the claims and expectations are graded from them, and a step without a record leaves the claims
/// that read it "not evaluated". No role ran here, so the server cost comes from the roles' own stats
/// snapshotted before and after each load (<see cref="StatsSnapshot"/>, <c>testbed-suite stats</c>)
/// when given, as a suite run costs a role it did not start; without them, or from an unreadable
/// snapshot, it is unknown (NaN: "not measured", never zero). The generators' own CPU is in the records.
/// </summary>
internal static class RecordGrader
{
    /// <summary>The <see cref="SuiteResult.Targets"/> of a graded run.</summary>
    public const string Targets = "records";

    /// <param name="records">Step name and record path; a step named more than once has each record as one run (the median is kept).</param>
    /// <exception cref="InvalidDataException">An unknown experiment or step, or a record that cannot be read.</exception>
    /// <param name="stats">Step name and the snapshot files read before and after its load; a step's Nth pair goes with its Nth record.</param>
    public static SuiteResult Grade(IReadOnlyList<ExperimentFile> experiments, string experiment, string mode, IReadOnlyList<(string Step, string Path)> records, string outputDirectory, TimeProvider time, IReadOnlyList<(string Step, string Before, string After)>? stats = null)
    {
        stats ??= [];
        var file = experiments.FirstOrDefault(e => SuiteRunner.Matches(e, experiment))
            ?? throw new InvalidDataException($"--experiment: unknown experiment '{experiment}' (known: {string.Join(", ", experiments.Select(e => e.Id))})");
        if (records.FirstOrDefault(r => !file.Steps.Any(s => s.Name == r.Step)) is { Step: { } unknown })
        {
            throw new InvalidDataException($"--step: {file.Id} has no step '{unknown}' (its steps: {string.Join(", ", file.Steps.Select(s => s.Name))})");
        }

        if (stats.FirstOrDefault(p => !records.Any(r => r.Step == p.Step)) is { Step: { } orphan })
        {
            throw new InvalidDataException($"--stats-before/--stats-after: no --step record for step '{orphan}'");
        }

        if (stats.GroupBy(p => p.Step).FirstOrDefault(g => g.Count() > records.Count(r => r.Step == g.Key)) is { } extra)
        {
            throw new InvalidDataException($"--stats-before/--stats-after: more snapshot pairs than records for step '{extra.Key}'");
        }

        var read = records.Select(r => (r.Step, r.Path, Run: Read(r.Path))).ToList();
        var plan = new ExperimentPlan(file, mode);
        var warnings = new List<string>();
        if (stats.Count == 0)
        {
            warnings.Add("graded from run records made elsewhere: the roles' CPU (server cost) was not measured (no --stats-before/--stats-after), so claims on it are not evaluated");
        }

        var steps = new List<StepResult>();
        var measured = new List<MeasuredStep>();
        foreach (var spec in file.Steps)
        {
            var step = new StepRuns(spec, Label(plan, spec), file.MeasuredRoles(spec), "", []);
            var mine = read.Where(r => r.Step == spec.Name).ToList();
            if (mine.Count == 0)
            {
                step.NotEvaluated = $"not evaluated: no record for step {spec.Name}";
            }

            var pairs = stats.Where(p => p.Step == spec.Name).ToList();
            foreach (var (index, (_, path, run)) in mine.Index())
            {
                if (run.Profile is { } profile && profile != spec.Profile)
                {
                    warnings.Add($"step {spec.Name} is a {spec.Profile} load but {path} holds a {profile} run");
                }

                // Without snapshots no role cost at all: the server-cost metrics come out NaN ("not measured").
                var (costs, roleStats) = index < pairs.Count ? RoleFigures(step.Measured, run, pairs[index], warnings) : ([], []);
                if (stats.Count > 0 && index >= pairs.Count)
                {
                    warnings.Add($"step {spec.Name}: no stats snapshots for {path}: its server cost was not measured");
                }

                var generators = GeneratorCost.From(Segments(run, path), run.DurationSeconds * 1000, _ => null);
                step.Loads.Add(new MeasuredLoad(run, costs, StepMetrics.Compute(run, costs, spec.Role), run.CommandLine ?? "", generators, [Path.GetRelativePath(outputDirectory, Path.GetFullPath(path))], roleStats));
            }

            // The limit finding as a suite run reads it, from the roles' own stats: each role's CPU
            // quota as its cgroup reports it (the cluster's, not this machine's), its usable cores unknown.
            var result = pairs.Count > 0
                ? step.ToResult(keep: true, interleaved: false, load => LimitClassifier.Classify(LimitInputs.From(load, spec.Role, _ => null, double.NaN)))
                : step.ToResult(keep: true, interleaved: false);
            steps.Add(result);
            if (step.Counts)
            {
                measured.Add(step.ToMeasured(result));
            }
        }

        var grades = ClaimEvaluator.Evaluate(file, steps, null, MetricTable.Of(plan.Parameters, null, measured));
        var graded = new ExperimentResult(file)
        {
            Mode = plan.Mode,
            DurationSeconds = read.Sum(r => r.Run.DurationSeconds),
            Warnings = warnings,
            Steps = steps,
            Claims = grades.Claims,
            Expectations = grades.Expectations,
            Figures = grades.Figures,
        };
        var now = time.GetUtcNow();
        return new SuiteResult
        {
            StartedAt = now,
            FinishedAt = now,
            Mode = mode,
            Targets = Targets,
            Machine = $"records made elsewhere, graded on {Environment.MachineName} ({RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version})",
            Experiments = [graded],
        };
    }

    /// <summary>
    /// What each measured role spent over one load, from its stats before and after it: CPU and
    /// throttling over the wall time between the two snapshots, descriptors at each. A snapshot that
    /// cannot be read, or a role missing from either, leaves that role's figures NaN (a warning says why).
    /// </summary>
    private static (List<RoleCost> Costs, List<RoleLoadStats> Stats) RoleFigures(IReadOnlyList<string> measured, RunRecordDocument run, (string Step, string Before, string After) pair, List<string> warnings)
    {
        var before = StatsSnapshot.TryRead(pair.Before, out var beforeError);
        var after = StatsSnapshot.TryRead(pair.After, out var afterError);
        if (before is null || after is null)
        {
            warnings.Add($"step {pair.Step}: stats snapshot {(before is null ? pair.Before : pair.After)} unreadable ({beforeError ?? afterError}): its server cost was not measured");
            return (RoleCosts.Between(measured, new Dictionary<string, RoleSnapshot>(), new Dictionary<string, RoleSnapshot>(), double.NaN), []);
        }

        var processBefore = new Dictionary<string, RoleSnapshot>();
        var processAfter = new Dictionary<string, RoleSnapshot>();
        var roleStats = new List<RoleLoadStats>();
        foreach (var role in measured)
        {
            if (before.Process(role) is { } b && after.Process(role) is { } a)
            {
                processBefore[role] = b;
                processAfter[role] = a;
            }
            else
            {
                var why = before.Errors.GetValueOrDefault(role) ?? after.Errors.GetValueOrDefault(role) ?? "not in both snapshots, or no process figures in its stats";
                warnings.Add($"step {pair.Step}: role {role}: {why}: its server cost was not measured");
            }

            if (before.Reading(role) is { } rb && after.Reading(role) is { } ra)
            {
                roleStats.Add(RoleLoadStats.Between(role, rb, ra, run.DurationSeconds * 1000));
            }
        }

        return (RoleCosts.Between(measured, processBefore, processAfter, (after.At - before.At).TotalMilliseconds), roleStats);
    }

    private static RunRecordDocument Read(string path)
    {
        try
        {
            return RunRecordJson.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"--step: cannot read the run record {path}: {e.Message}");
        }
    }

    /// <summary>Labels name parameters, and sometimes a role's address, which a graded run does not have: then the step's name.</summary>
    private static string Label(ExperimentPlan plan, StepSpec spec)
    {
        try
        {
            return plan.Resolve(spec.Label ?? spec.Name, new Dictionary<string, RoleAddress>(), spec.Role);
        }
        catch (InvalidOperationException)
        {
            return spec.Name;
        }
    }

    /// <summary>
    /// Each generator's own record, for the requests it completed: a merged record names the files
    /// it came from (paths where the merge ran: as given, else beside the merged record, as a
    /// collector leaves them). A generator whose record is not found keeps its CPU from the merged
    /// record, with no request count.
    /// </summary>
    private static List<RunRecordDocument> Segments(RunRecordDocument run, string path)
    {
        if (run.Generators is not { Count: > 1 } generators)
        {
            return [run];
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return generators.Select(g =>
        {
            var candidates = g.File is null ? [] : new[] { g.File, Path.Combine(directory, Path.GetFileName(g.File)) };
            foreach (var candidate in candidates.Where(File.Exists))
            {
                try
                {
                    var segment = RunRecordJson.Parse(File.ReadAllText(candidate));
                    if (segment.Generators is [var only] && only.Pid == g.Pid && only.Segment == g.Segment)
                    {
                        return segment;
                    }
                }
                catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
                {
                    // Not that generator's record after all: its CPU still comes from the merged one.
                }
            }

            return new RunRecordDocument { Generators = [g], DurationSeconds = run.DurationSeconds };
        }).ToList();
    }
}
