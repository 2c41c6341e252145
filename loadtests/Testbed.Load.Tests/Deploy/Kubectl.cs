using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Testbed.Load.Tests.Deploy;

/// <summary>
/// Renders kustomize directories with the real kubectl, with no cluster: <c>kubectl kustomize</c>, then
/// <c>kubectl annotate --local -o json</c> (offline) to turn the YAML stream into JSON objects.
/// </summary>
internal static class Kubectl
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static List<JsonElement> Render(string kustomizeDir)
    {
        string yaml = Run(["kustomize", kustomizeDir], null);
        string json = Run(["annotate", "--local", "-f", "-", "-o", "json", "testbed.rendered=1"], yaml);
        var objects = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            objects.Add(doc.RootElement.Clone());
        }
        return objects;
    }

    private static string Run(IEnumerable<string> args, string? stdin)
    {
        var psi = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // No kubeconfig: nothing here may reach for a cluster.
        psi.Environment["KUBECONFIG"] = "/dev/null";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException($"kubectl {string.Join(' ', args)} took over 60 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.Result;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Testbed.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("no Testbed.sln above " + AppContext.BaseDirectory);
    }
}
