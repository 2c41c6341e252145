namespace Testbed.Suite.Results;

/// <summary>A whole suite run: what results.json holds and what the reports render.</summary>
internal sealed record SuiteResult
{
    public string Schema { get; init; } = "testbed-load/suite@1";

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    public required string Mode { get; init; }

    public required string Targets { get; init; }

    public string Machine { get; init; } = "";

    /// <summary>Where the load generator and the servers ran (<see cref="Launch.CorePlan"/>); empty when not recorded.</summary>
    public string Cores { get; init; } = "";

    public IReadOnlyList<ExperimentResult> Experiments { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<ClaimResult> AllClaims => Experiments.SelectMany(e => e.Claims);
}
