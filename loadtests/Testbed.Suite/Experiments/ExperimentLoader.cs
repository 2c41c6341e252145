using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Testbed.Common;
using Testbed.Suite.Claims;
using Testbed.Suite.Loads;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Experiments;

/// <summary>
/// Reads and validates experiment files. Everything that can be checked without running (unknown
/// fields, a step naming a missing role, a claim referring to a missing step, a parameter used but
/// not defined for quick or full) fails here, with the file name, before any server starts.
/// </summary>
internal static partial class ExperimentLoader
{
    private static readonly HashSet<string> BuiltinPlaceholders = ["url", "port", "host"];

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z0-9_-]+))?\}")]
    public static partial Regex Placeholder();

    public static List<ExperimentFile> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidDataException($"experiments directory not found: {directory}");
        }

        var experiments = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(LoadFile).ToList();
        var duplicate = experiments.GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"two experiment files have the id '{duplicate.Key}'");
        }

        return experiments;
    }

    public static ExperimentFile LoadFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ExpressionException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    public static ExperimentFile Parse(string json)
    {
        var file = JsonSerializer.Deserialize<ExperimentFile>(json, JsonOptions) ?? throw new InvalidDataException("empty file");
        Validate(file);
        return file;
    }

    private static void Validate(ExperimentFile file)
    {
        Require(file.Id.Length > 0 && file.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'), $"bad id '{file.Id}'");
        Require(file.Parameters.ContainsKey(RunModes.Quick) && file.Parameters.ContainsKey(RunModes.Full), "parameters must have both 'quick' and 'full'");
        var quickKeys = file.Parameters[RunModes.Quick].Keys.Order().ToList();
        var fullKeys = file.Parameters[RunModes.Full].Keys.Order().ToList();
        Require(quickKeys.SequenceEqual(fullKeys), $"quick and full define different parameters ({string.Join(",", quickKeys)} vs {string.Join(",", fullKeys)})");
        Require(file.Roles.Count > 0, "no roles");
        Require(file.Steps.Count > 0, "no steps");

        var roles = new HashSet<string>();
        foreach (var role in file.Roles)
        {
            Require(roles.Add(role.Name), $"role '{role.Name}' defined twice");
            Require(RoleExecutables.All.Contains(role.Exe), CommandLineApp.OneOfMessage($"role '{role.Name}': exe", role.Exe, RoleExecutables.All));
            Require(role.Kind is RoleKinds.Http or RoleKinds.Tcp, $"role '{role.Name}': kind must be http or tcp");
            Require(role.Cpus is null or > 0 and <= 64, $"role '{role.Name}': cpus must be > 0");
            Require(role.Compose is null || role.Compose.Contains(':'), $"role '{role.Name}': compose must be host:port");
            foreach (var arg in role.Args)
            {
                CheckPlaceholders(file, arg, $"role '{role.Name}'", roles);
            }
        }

        Require(file.Rounds is >= 1 and <= 20, "rounds must be 1..20");
        foreach (var mode in new[] { RunModes.Quick, RunModes.Full })
        {
            Require(file.RoundsFor(mode) is >= 1 and <= 20, $"parameters.{mode}.rounds must be a whole number 1..20");
        }

        var steps = new HashSet<string>();
        foreach (var step in file.Steps)
        {
            Require(!ScopeNames.IsReserved(step.Name) && steps.Add(step.Name), $"step name '{step.Name}' is reserved or used twice");
            Require(step.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'), $"step name '{step.Name}' must be letters, digits and _");
            Require(roles.Contains(step.Role), $"step '{step.Name}': unknown role '{step.Role}'");
            Require(ProfileNames.All.Contains(step.Profile), CommandLineApp.OneOfMessage($"step '{step.Name}': profile", step.Profile, ProfileNames.All));
            Require(step.Repeat is >= 1 and <= 20, $"step '{step.Name}': repeat must be 1..20");
            if (step.Profile == ProfileNames.Capacity)
            {
                // One search is one process: its probes' verdicts pick the next rate (testbed-load refuses --segment).
                Require(step.Warmup is null, $"step '{step.Name}': a capacity step takes no warmup (its probes warm up: --warm-up)");
                Require(step.Generators is null, $"step '{step.Name}': a capacity step runs one generator (a search cannot be split)");
                Require(step.Args.Contains("--slo"), $"step '{step.Name}': a capacity step needs --slo in its args");
            }

            Require(step.Measure.All(roles.Contains), $"step '{step.Name}': measure names an unknown role");
            Require(step.ExpectLimit is null || LimitKinds.All.Contains(step.ExpectLimit), CommandLineApp.OneOfMessage($"step '{step.Name}': expectLimit", step.ExpectLimit ?? "", LimitKinds.All));
            foreach (var arg in step.Args.Concat(step.Warmup ?? []).Append(step.Path).Append(step.Label ?? ""))
            {
                CheckPlaceholders(file, arg, $"step '{step.Name}'", roles);
            }

            CheckExpression(file, step.EstimateSeconds, $"step '{step.Name}' estimateSeconds", steps: [], condition: false);
            foreach (var mode in new[] { RunModes.Quick, RunModes.Full })
            {
                try
                {
                    GeneratorCount.Resolve(step.Generators, file.ParameterTexts(mode).GetValueOrDefault);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"step '{step.Name}' ({mode}): {e.Message}");
                }
            }

        }

        foreach (var verify in file.Verify)
        {
            Require(roles.Contains(verify.Role), $"verify: unknown role '{verify.Role}'");
            CheckPlaceholders(file, verify.Path, "verify", roles);
        }

        foreach (var equivalence in file.Equivalent)
        {
            Require(equivalence.Targets.Count >= 2, $"equivalent '{equivalence.Name}': needs at least two targets");
            Require(equivalence.Targets.All(t => roles.Contains(t.Role)), $"equivalent '{equivalence.Name}': unknown role");
            Require(equivalence.Compare is EquivalenceModes.Json or EquivalenceModes.Bytes, $"equivalent '{equivalence.Name}': compare must be json or bytes");
            foreach (var target in equivalence.Targets)
            {
                CheckPlaceholders(file, target.Path, $"equivalent '{equivalence.Name}'", roles);
            }
        }

        var claimIds = new HashSet<string>();
        foreach (var claim in file.Claims)
        {
            Require(claimIds.Add(claim.Id), $"claim id '{claim.Id}' used twice");
            CheckExpression(file, claim.Expr, $"claim '{claim.Id}'", steps, condition: true);
            if (claim.When is not null)
            {
                // No step scope: the precondition is about the set-up, known before any load.
                CheckExpression(file, claim.When, $"claim '{claim.Id}' when", steps: [], condition: true);
            }
        }

        foreach (var expectation in file.Expectations)
        {
            CheckExpression(file, expectation.Expr, $"expectation '{expectation.Text}'", steps, condition: false);
            CheckExpression(file, expectation.Measured, $"expectation '{expectation.Text}' measured", steps, condition: false);
        }

        foreach (var figure in file.Reported)
        {
            Require(figure.Step is null || steps.Contains(figure.Step), $"reported '{figure.Label}': unknown step '{figure.Step}'");
            Require(figure.Step is null || figure.Metric is not null, $"reported '{figure.Label}': step without metric");
            Require(figure.Metric is null || StepMetrics.IsKnown(figure.Metric), $"reported '{figure.Label}': unknown metric '{figure.Metric}'");
        }

        Require(file.Charts.Bars.All(StepMetrics.IsKnown), "charts.bars names an unknown metric");
    }

    private static void CheckExpression(ExperimentFile file, string text, string where, HashSet<string> steps, bool condition)
    {
        ClaimExpression expression;
        try
        {
            expression = ClaimExpression.Parse(text);
        }
        catch (ExpressionException e)
        {
            throw new InvalidDataException($"{where}: {e.Message} in '{text}'");
        }

        Require(expression.IsCondition == condition, $"{where}: '{text}' must be {(condition ? "a condition" : "a number")}");
        foreach (var reference in expression.References)
        {
            var dot = reference.IndexOf('.');
            var scope = reference[..dot];
            var metric = reference[(dot + 1)..];
            if (scope == ScopeNames.Param)
            {
                Require(file.Parameters[RunModes.Quick].ContainsKey(metric), $"{where}: parameter '{metric}' is not defined");
            }
            else if (scope == ScopeNames.Machine)
            {
                Require(MachineFacts.Known.Contains(metric), $"{where}: unknown machine fact '{metric}' (known: {string.Join(", ", MachineFacts.Known)})");
            }
            else if (metric.Contains('.'))
            {
                var role = metric[..metric.IndexOf('.')];
                var roleMetric = metric[(role.Length + 1)..];
                Require(steps.Contains(scope), $"{where}: '{reference}' names no step");
                Require(file.Roles.Any(r => r.Name == role), $"{where}: '{reference}' names no role '{role}'");
                Require(StepMetrics.RoleMetrics.Contains(roleMetric), $"{where}: unknown role metric '{roleMetric}' (known: {string.Join(", ", StepMetrics.RoleMetrics)})");
            }
            else
            {
                Require(steps.Contains(scope), $"{where}: '{reference}' names no step");
                Require(StepMetrics.IsKnown(metric), $"{where}: unknown metric '{metric}' (known: {string.Join(", ", StepMetrics.Known)})");
            }
        }
    }

    private static void CheckPlaceholders(ExperimentFile file, string text, string where, HashSet<string> rolesSoFar)
    {
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value;
            var role = match.Groups[2].Success ? match.Groups[2].Value : null;
            if (BuiltinPlaceholders.Contains(name))
            {
                // {url:backend} must name a role defined earlier: roles start in file order.
                Require(role is null || rolesSoFar.Contains(role),
                    $"{where}: '{match.Value}' names a role not defined before it");
            }
            else
            {
                Require(role is null && file.Parameters[RunModes.Quick].ContainsKey(name), $"{where}: unknown placeholder '{match.Value}'");
            }
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }
}
