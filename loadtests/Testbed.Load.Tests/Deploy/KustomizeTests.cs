using System.Diagnostics;
using System.Text.Json;
using Testbed.Load.Commands;

namespace Testbed.Load.Tests.Deploy;

/// <summary>
/// Every overlay of deploy/k8s rendered by the real kubectl: the objects that come out (kinds, images,
/// CPU limits, the proxy's DNS discovery) and the segment wiring of the load Job, whose script is run
/// with bash for every completion index to show that the indexes become segments 1/N … N/N.
/// </summary>
public sealed class KustomizeTests
{
    private static readonly string Overlays = Path.Combine(Kubectl.RepoRoot, "deploy", "k8s", "overlays");

    public static TheoryData<string, int, string, int> AllOverlays => new()
    {
        { "e6-one-backend", 1, "async", 2 },
        { "e6-two-backends", 2, "async", 2 },
        { "e6-two-backends-threaded", 2, "threaded", 4 },
        { "e6-one-backend-single-4-generators", 1, "single", 4 },
    };

    [Fact]
    public void AllOverlays_EveryOverlayDirectory_IsChecked()
    {
        var listed = AllOverlays.Select(row => (string)row[0]).Order();
        Assert.Equal(Directory.GetDirectories(Overlays).Select(Path.GetFileName).Order(), listed);
    }

    [KubectlTheory]
    [MemberData(nameof(AllOverlays))]
    public void Render_Overlay_ObjectsImagesAndLimits(string overlay, int backends, string mode, int generators)
    {
        var objects = Kubectl.Render(Path.Combine(Overlays, overlay));
        Assert.Equal(
            ["ConfigMap/testbed-load-plan", "Deployment/backend", "Deployment/proxy", "Job/collector", "Job/load",
             "PersistentVolumeClaim/testbed-results", "Service/backend", "Service/proxy"],
            objects.Select(o => $"{o.GetProperty("kind").GetString()}/{BaseName(o)}").Order());

        var backend = Named(objects, "Deployment", "backend");
        Assert.Equal(backends, backend.GetProperty("spec").GetProperty("replicas").GetInt32());
        var server = Container(backend);
        Assert.StartsWith("testbed/server:", server.GetProperty("image").GetString());
        Assert.Equal(mode, Env(server, "TESTBED_MODE"));
        // Guaranteed CPU: the request is the limit, so each backend has exactly its share of a core.
        var resources = server.GetProperty("resources");
        Assert.Equal(resources.GetProperty("limits").GetProperty("cpu").GetString(), resources.GetProperty("requests").GetProperty("cpu").GetString());

        var service = Named(objects, "Service", "backend");
        Assert.Equal("None", service.GetProperty("spec").GetProperty("clusterIP").GetString());
        int port = service.GetProperty("spec").GetProperty("ports")[0].GetProperty("port").GetInt32();
        var proxy = Container(Named(objects, "Deployment", "proxy"));
        Assert.StartsWith("testbed/proxy:", proxy.GetProperty("image").GetString());
        var args = proxy.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal($"backend:{port}", args[args.IndexOf("--backends-dns") + 1]);

        foreach (var job in new[] { "load", "collector" })
        {
            var c = Container(Named(objects, "Job", job));
            Assert.StartsWith("testbed/load:", c.GetProperty("image").GetString());
            Assert.True(c.GetProperty("resources").GetProperty("limits").TryGetProperty("cpu", out _), $"{job} has no CPU limit");
            Assert.Equal(BaseName(Named(objects, "ConfigMap", "testbed-load-plan")),
                BaseName(c.GetProperty("envFrom")[0].GetProperty("configMapRef")));
        }
        Assert.Equal(generators.ToString(), Named(objects, "ConfigMap", "testbed-load-plan").GetProperty("data").GetProperty("GENERATORS").GetString());
    }

    [KubectlTheory]
    [MemberData(nameof(AllOverlays))]
    public void Render_Overlay_IndexedJobGivesEveryGeneratorItsSegment(string overlay, int backends, string mode, int generators)
    {
        _ = (backends, mode);
        var objects = Kubectl.Render(Path.Combine(Overlays, overlay));
        var job = Named(objects, "Job", "load");
        var spec = job.GetProperty("spec");
        Assert.Equal("Indexed", spec.GetProperty("completionMode").GetString());
        Assert.Equal(generators, spec.GetProperty("completions").GetInt32());
        Assert.Equal(generators, spec.GetProperty("parallelism").GetInt32());
        var load = Container(job);
        var index = load.GetProperty("env").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "JOB_COMPLETION_INDEX");
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']",
            index.GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString());

        var plan = Named(objects, "ConfigMap", "testbed-load-plan").GetProperty("data");
        string script = load.GetProperty("args")[0].GetString()!;
        var segments = new List<string>();
        for (int i = 0; i < generators; i++)
        {
            var argv = RunLoadScript(script, i, plan);
            Assert.Equal("/app/testbed-load", argv[0]);
            Assert.Equal(plan.GetProperty("TARGET").GetString(), argv[^1]);
            string segment = argv[argv.IndexOf("--segment") + 1];
            var parsed = ValueParsers.Segment(segment, "--segment");
            Assert.Equal((i + 1, generators), (parsed.Index, parsed.Count));
            Assert.Equal($"/results/run-{i + 1}.json", argv[argv.IndexOf("--json") + 1]);
            segments.Add(segment);
        }
        Assert.Equal(generators, segments.Distinct().Count());
    }

    /// <summary>Runs the Job's bash script with the env Kubernetes would give it, the exec replaced by printing the command.</summary>
    private static List<string> RunLoadScript(string script, int completionIndex, JsonElement plan)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script.Replace("exec /app/testbed-load", "printf '%s\\n' /app/testbed-load", StringComparison.Ordinal));
        psi.Environment["JOB_COMPLETION_INDEX"] = completionIndex.ToString();
        foreach (var kv in plan.EnumerateObject()) psi.Environment[kv.Name] = kv.Value.GetString();
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static JsonElement Named(List<JsonElement> objects, string kind, string name) =>
        objects.Single(o => o.GetProperty("kind").GetString() == kind && BaseName(o) == name);

    /// <summary>The name without the hash suffix kustomize gives generated ConfigMaps.</summary>
    private static string BaseName(JsonElement o)
    {
        string name = (o.TryGetProperty("metadata", out var m) ? m : o).GetProperty("name").GetString()!;
        int dash = name.LastIndexOf('-');
        return name.StartsWith("testbed-load-plan-", StringComparison.Ordinal) && dash > 0 ? name[..dash] : name;
    }

    private static JsonElement Container(JsonElement workload) =>
        workload.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];

    private static string? Env(JsonElement container, string name) =>
        container.GetProperty("env").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name).GetProperty("value").GetString();
}
