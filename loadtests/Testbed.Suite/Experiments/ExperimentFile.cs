using System.Text.Json;
using System.Text.RegularExpressions;

namespace Testbed.Suite.Experiments;

/// <summary>
/// One <c>scripts/experiments/*.json</c> file as written (see the README section "The comparison
/// suite" for the format). Strings may hold placeholders ({url}, {port}, {url:role}, {param}) that
/// <see cref="ExperimentPlan"/> resolves for a run.
/// </summary>
internal sealed record ExperimentFile
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Title { get; init; }

    public string Source { get; init; } = "";

    public string Explanation { get; init; } = "";

    /// <summary>Why the quick parameters differ from the catalog's, when they do.</summary>
    public string? QuickNote { get; init; }

    /// <summary>
    /// False: the whole quick suite leaves the experiment out, because it does not fit the quick
    /// budget of ten minutes; <c>--only</c> naming it runs it with its quick parameters, and
    /// <c>--full</c> runs it with the rest. Defaults to true.
    /// </summary>
    public bool QuickSuite { get; init; } = true;

    /// <summary>Why the set-up or a bound is what it is when it departs from the source (both modes; shown in the report).</summary>
    public string? SetupNote { get; init; }

    /// <summary>"quick" and "full" parameter sets; values are numbers or strings.</summary>
    public Dictionary<string, Dictionary<string, JsonElement>> Parameters { get; init; } = [];

    /// <summary>One parameter set as the text that replaces its placeholders (numbers as written).</summary>
    public Dictionary<string, string> ParameterTexts(string mode) =>
        Parameters[mode].ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());

    public List<RoleSpec> Roles { get; init; } = [];

    public List<VerifySpec> Verify { get; init; } = [];

    public List<EquivalenceSpec> Equivalent { get; init; } = [];

    public List<StepSpec> Steps { get; init; } = [];

    /// <summary>
    /// Interleaved rounds: every step is measured this many times in the order A B C A B C …, so
    /// that steps compared with one another share the machine's slow and busy moments alike. Each
    /// metric is the median over the runs; the report shows the spread. Defaults to 1.
    /// </summary>
    public int Rounds { get; init; } = 1;

    /// <summary>
    /// The rounds of a parameter set: its <c>rounds</c> parameter when it has one (a quick run of
    /// seconds can afford the repeats that a full run of the sources' ten-minute loads cannot), else
    /// <see cref="Rounds"/>; 0 when the parameter is not a whole number (the loader rejects it).
    /// </summary>
    public int RoundsFor(string mode) =>
        !ParameterTexts(mode).TryGetValue("rounds", out var text) ? Rounds
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rounds) ? rounds
        : 0;

    public List<ReportedFigure> Reported { get; init; } = [];

    public List<ClaimSpec> Claims { get; init; } = [];

    public List<ExpectationSpec> Expectations { get; init; } = [];

    public ChartSpec Charts { get; init; } = new();

    /// <summary>The step's target, the roles its command line points at (a proxy's backends), transitively, and the step's extra "measure" roles.</summary>
    public List<string> MeasuredRoles(StepSpec step)
    {
        var roles = Roles.ToDictionary(r => r.Name);
        var result = new List<string>();
        var queue = new Queue<string>([step.Role, .. step.Measure]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (result.Contains(name))
            {
                continue;
            }

            result.Add(name);
            foreach (var arg in roles[name].Args)
            {
                foreach (Match match in ExperimentLoader.Placeholder().Matches(arg))
                {
                    if (match.Groups[2].Success && roles.ContainsKey(match.Groups[2].Value))
                    {
                        queue.Enqueue(match.Groups[2].Value);
                    }
                }
            }
        }

        return result;
    }
}

