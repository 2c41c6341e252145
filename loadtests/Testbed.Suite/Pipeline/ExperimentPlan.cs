using System.Globalization;
using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;

namespace Testbed.Suite.Pipeline;

/// <summary>An experiment file bound to a parameter set (quick or full): resolves placeholders and estimates.</summary>
internal sealed class ExperimentPlan
{
    private readonly int? _generators;

    /// <param name="generators">testbed-suite --generators: every step's generator count, whatever its file says.</param>
    public ExperimentPlan(ExperimentFile file, string mode, int? generators = null)
    {
        File = file;
        Mode = mode;
        _generators = generators;
        Parameters = file.ParameterTexts(mode);
        Rounds = file.RoundsFor(mode);
    }

    public ExperimentFile File { get; }

    public string Mode { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Interleaved rounds of this parameter set (see <see cref="ExperimentRoundsFor"/>).</summary>
    public int Rounds { get; }

    /// <summary>
    /// Replaces {param} with the parameter, {url}/{port}/{host} with the current role's address and
    /// {url:role}/{port:role}/{host:role} with another role's.
    /// </summary>
    public string Resolve(string text, IReadOnlyDictionary<string, RoleAddress> roles, string? currentRole)
    {
        return ExperimentLoader.Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name is "url" or "port" or "host")
            {
                var roleName = match.Groups[2].Success ? match.Groups[2].Value : currentRole;
                if (roleName is null || !roles.TryGetValue(roleName, out var address))
                {
                    throw new InvalidOperationException($"{match.Value}: role {roleName} has no address yet");
                }

                return name switch
                {
                    "url" => address.Url,
                    "port" => address.Port.ToString(CultureInfo.InvariantCulture),
                    _ => address.Host,
                };
            }

            return Parameters[name];
        });
    }

    /// <summary>How many generators share the step's load (validated when the file was loaded); a capacity search always one, whatever --generators says.</summary>
    public int Generators(StepSpec step) =>
        step.Profile == ProfileNames.Capacity ? 1 : _generators ?? GeneratorCount.Resolve(step.Generators, Parameters.GetValueOrDefault);

    /// <summary>The most generators any step runs at once.</summary>
    public int MaxGenerators() => File.Steps.Max(Generators);

    /// <summary>Why the step is not run in this mode ("fullOnly" in a quick run), or null.</summary>
    public string? Skipped(StepSpec step) =>
        step.FullOnly && Mode != RunModes.Full ? "not evaluated: the step runs only with --full (\"fullOnly\")" : null;

    public double EstimateSeconds(StepSpec step)
    {
        if (Skipped(step) is not null)
        {
            return 0;
        }

        try
        {
            var seconds = ClaimExpression.Parse(step.EstimateSeconds).EvaluateNumber(new MetricTable(Parameters), new EvaluationTrace());
            return Math.Max(0.5, seconds) * step.Repeat * Rounds + (step.Warmup is null ? 0 : 1);
        }
        catch (ExpressionException)
        {
            return 5 * step.Repeat * Rounds;
        }
    }

    /// <summary>Estimated seconds of the whole experiment: its loads plus starting and verifying its roles.</summary>
    public double EstimateSeconds() => File.Steps.Sum(EstimateSeconds) + 2 + 1.5 * File.Roles.Count;
}
