using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>The roles as the measuring stage's loads so far showed their CPU limits (see <see cref="LimitCheck"/>), load after load.</summary>
internal sealed class RoleLimits(IReadOnlyList<RoleResult> roles, SuiteProgress progress)
{
    public IReadOnlyList<RoleResult> Roles { get; private set; } = roles;

    public void Apply(IReadOnlyList<RoleCost> costs) => Roles = LimitCheck.Apply(Roles, costs, progress.Info);
}
