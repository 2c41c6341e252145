namespace Testbed.Load.Tests.Deploy;

/// <summary>A theory that is skipped, saying why, on a machine without kubectl (xunit 2 decides skips when it discovers tests).</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Kubectl.Path is null) Skip = "kubectl is not on PATH: the kustomize overlays cannot be rendered here";
    }
}
