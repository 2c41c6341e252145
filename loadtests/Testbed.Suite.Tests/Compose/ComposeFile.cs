using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Testbed.Suite.Tests.Compose;

/// <summary>
/// Reads the services of docker-compose.yml files as Compose merges them: "&lt;&lt;: *anchor" merge
/// keys, then each later file's service overriding the earlier's (environment merged by key, the
/// rest replaced), and ${VAR:-default} taken at its default, as with an empty environment.
/// </summary>
internal static partial class ComposeFile
{
    public static Dictionary<string, ComposeService> Load(params string[] paths)
    {
        var merged = new Dictionary<string, ComposeService>();
        foreach (var path in paths)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            foreach (var (key, value) in (YamlMappingNode)root.Children[new YamlScalarNode("services")])
            {
                var name = ((YamlScalarNode)key).Value!;
                var service = Flatten((YamlMappingNode)value);
                merged[name] = merged.TryGetValue(name, out var earlier) ? Override(earlier, service, name) : Read(name, service);
            }
        }

        return merged;
    }

    /// <summary>The value with ${VAR:-default} and ${VAR} replaced by the default (or nothing); null stays null.</summary>
    public static string? Interpolate(string? value) =>
        value is null ? null : Variable().Replace(value, m => m.Groups[2].Success ? m.Groups[2].Value : "").Replace("$$", "$");

    /// <summary>True when the raw value takes anything from a variable.</summary>
    public static bool IsVariable(string? value) => value is not null && Variable().IsMatch(value);

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")]
    private static partial Regex Variable();

    private static ComposeService Read(string name, Dictionary<string, YamlNode> service) => new(
        name,
        Scalar(service, "image"),
        Scalar(service, "cpus"),
        List(service, "command"),
        Map(service, "environment"),
        List(service, "profiles"));

    private static ComposeService Override(ComposeService earlier, Dictionary<string, YamlNode> later, string name)
    {
        var next = Read(name, later);
        var environment = new Dictionary<string, string>(earlier.Environment);
        foreach (var (key, value) in next.Environment)
        {
            environment[key] = value;
        }

        return new ComposeService(
            name,
            next.Image ?? earlier.Image,
            next.Cpus ?? earlier.Cpus,
            later.ContainsKey("command") ? next.Command : earlier.Command,
            environment,
            later.ContainsKey("profiles") ? next.Profiles : earlier.Profiles);
    }

    /// <summary>The service's keys with its "&lt;&lt;" merge keys resolved (the service's own keys win).</summary>
    private static Dictionary<string, YamlNode> Flatten(YamlMappingNode node)
    {
        var result = new Dictionary<string, YamlNode>();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var merge) && merge is YamlMappingNode parent)
        {
            foreach (var (key, value) in Flatten(parent))
            {
                result[key] = value;
            }
        }

        foreach (var (key, value) in node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static string? Scalar(Dictionary<string, YamlNode> service, string key) =>
        service.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static List<string> List(Dictionary<string, YamlNode> service, string key) => service.GetValueOrDefault(key) switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList(),
        YamlScalarNode scalar when scalar.Value is { } text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
        _ => [],
    };

    private static Dictionary<string, string> Map(Dictionary<string, YamlNode> service, string key) => service.GetValueOrDefault(key) switch
    {
        YamlMappingNode map => map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? ""),
        YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value!.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
        _ => [],
    };
}
