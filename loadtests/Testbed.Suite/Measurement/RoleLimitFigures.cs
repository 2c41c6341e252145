namespace Testbed.Suite.Measurement;

/// <summary>
/// One measured role's figures over a load, as the classifier reads them: the cores it used (CPU ms
/// ÷ the wall time between the two CPU readings), its CPU quota in cores (null: none), the cores it may use (its pinned
/// cores, or the machine's), and what its own stats said (null: it reports none).
/// </summary>
internal sealed record RoleLimitFigures
{
    public required string Role { get; init; }

    /// <summary>True for the step's target (the role its URL points at).</summary>
    public bool Target { get; init; }

    public double Cores { get; init; } = double.NaN;

    public double? Quota { get; init; }

    public double UsableCores { get; init; } = double.NaN;

    public RoleLoadStats? Stats { get; init; }

    /// <summary>The CPU cap that binds: the quota when it is below the usable cores, else the cores.</summary>
    public double CpuCap => Quota is { } q && (double.IsNaN(UsableCores) || q < UsableCores) ? q : UsableCores;

    /// <summary>True when the binding cap is a quota (cgroup or cpulimit), not the cores.</summary>
    public bool QuotaBinds => Quota is { } q && (double.IsNaN(UsableCores) || q < UsableCores);
}
