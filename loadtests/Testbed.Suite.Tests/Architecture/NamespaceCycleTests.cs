using Testbed.Suite.Experiments;

namespace Testbed.Suite.Tests.Architecture;

/// <summary>
/// The suite's namespaces form a layered graph: a namespace never reaches back to one that uses
/// it, so that each can be read (and changed) knowing only the ones below it.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly Dictionary<string, HashSet<string>> Graph = NamespaceGraph.Build(typeof(ExperimentFile).Assembly, "Testbed.Suite");

    [Fact]
    public void SuiteAssembly_Namespaces_HaveNoCycle()
    {
        var cycle = NamespaceGraph.FindCycle(Graph);
        Assert.True(cycle is null, "namespace cycle: " + string.Join(" -> ", cycle ?? []) + "\n" + Describe());
    }

    [Fact]
    public void Build_KnownReferences_AreFound()
    {
        // The scanner must see a reference made only inside a method body (the suite runner's static
        // call of ReportSet.WriteAll) and one made only by a signature (a step's result holding its
        // measured costs), else the test above proves nothing.
        Assert.Contains("Testbed.Suite.Reports", Graph["Testbed.Suite.Pipeline"]);
        Assert.Contains("Testbed.Suite.Measurement", Graph["Testbed.Suite.Results"]);
        Assert.DoesNotContain("Testbed.Suite.Pipeline", Graph["Testbed.Suite.Reports"]);
    }

    [Fact]
    public void FindCycle_GraphWithACycle_ReturnsIt()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.Equal(["a", "b", "c", "a"], NamespaceGraph.FindCycle(graph));
        Assert.Null(NamespaceGraph.FindCycle(new Dictionary<string, HashSet<string>> { ["a"] = ["b"], ["b"] = [] }));
    }

    private static string Describe() =>
        string.Join("\n", Graph.OrderBy(n => n.Key).Select(n => $"{n.Key} -> {string.Join(", ", n.Value.Order())}"));
}
