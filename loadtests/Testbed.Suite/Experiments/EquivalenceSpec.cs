namespace Testbed.Suite.Experiments;

/// <summary>
/// Variants meant to be equivalent (E7's two Parquet forms, E9's three candle forms): every target
/// must answer 2xx and the bodies must be equal, as JSON values (<see cref="EquivalenceModes.Json"/>,
/// numbers compared by value) or byte for byte (<see cref="EquivalenceModes.Bytes"/>).
/// </summary>
internal sealed record EquivalenceSpec
{
    public required string Name { get; init; }

    public string Compare { get; init; } = EquivalenceModes.Json;

    public List<EndpointRef> Targets { get; init; } = [];
}
