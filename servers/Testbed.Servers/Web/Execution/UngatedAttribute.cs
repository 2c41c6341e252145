namespace Testbed.Servers.Web.Execution;

/// <summary>
/// Endpoint metadata: the request bypasses the worker mode's cap and is not counted in /stats.
/// For the monitoring endpoints only, so that probing a saturated server neither waits in its
/// queue nor perturbs the figures being measured.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class UngatedAttribute : Attribute;
