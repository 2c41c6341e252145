using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Suite.Launch;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// The stats answers of one or more roles read at one moment, as <c>testbed-suite stats</c> writes
/// them for <c>testbed-suite grade --stats-before/--stats-after</c>: roles the suite did not start (a
/// swarm's services, a Kubernetes pod) snapshotted before and after a load made elsewhere. The file
/// keeps each answer verbatim (<c>{"at": ISO time, "roles": {name: answer}, "errors": {name: why}}</c>),
/// so the figures are parsed where they are used, by the parsers a suite run uses
/// (<see cref="RemoteRoleSnapshot.Parse"/>, <see cref="RoleStatsReading.Parse"/>).
/// </summary>
internal sealed record StatsSnapshot
{
    public required DateTimeOffset At { get; init; }

    /// <summary>Role name → its stats answer (raw JSON text).</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();

    /// <summary>Role name → why its stats could not be read.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The CPU, throttling and descriptors of <paramref name="role"/>, or null when it was not read or reports none.</summary>
    public RoleSnapshot? Process(string role)
    {
        try
        {
            return Answers.TryGetValue(role, out var json) ? RemoteRoleSnapshot.Parse(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The slot integrals and cgroup figures of <paramref name="role"/>, or null.</summary>
    public RoleStatsReading? Reading(string role)
    {
        try
        {
            return Answers.TryGetValue(role, out var json) ? RoleStatsReading.Parse(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string ToJson()
    {
        var roles = new JsonObject();
        foreach (var (role, json) in Answers)
        {
            roles[role] = JsonNode.Parse(json);
        }

        var errors = new JsonObject();
        foreach (var (role, why) in Errors)
        {
            errors[role] = why;
        }

        var root = new JsonObject { ["at"] = At.ToString("O"), ["roles"] = roles, ["errors"] = errors };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <exception cref="InvalidDataException">Not a snapshot file (its message says why).</exception>
    public static StatsSnapshot Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("at", out var at) || at.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var when)
                || !root.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("not a stats snapshot (testbed-suite stats writes {\"at\": …, \"roles\": {…}})");
            }

            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                : [];
            return new StatsSnapshot
            {
                At = when,
                Answers = roles.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText()),
                Errors = errors,
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not JSON: {ex.Message}");
        }
    }

    /// <summary>The snapshot in <paramref name="path"/>, or null with why it could not be read.</summary>
    public static StatsSnapshot? TryRead(string path, out string? error)
    {
        try
        {
            error = null;
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = e.Message;
            return null;
        }
    }
}
