using System.Text.Json;
using Testbed.Suite.Loads;

namespace Testbed.Suite.Dashboard;

/// <summary>
/// What testbed-suite's live page shows besides the load's own page: the experiment and step in
/// progress, the dashboard ports of that step's generators, and every step done so far with its
/// one-line summary. The runner reports to it; <see cref="SuiteDashboardServer"/> reads it.
/// </summary>
internal sealed class SuiteDashboard
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly object _gate = new();
    private readonly List<string> _done = [];
    private string _experiment = "";
    private string _experimentId = "";
    private string _step = "";
    private string _run = "";
    private List<int> _ports = [];
    private int _sequence;
    private bool _running;
    private bool _finished;

    public void ExperimentStarted(string id, string title)
    {
        lock (_gate)
        {
            _experimentId = id;
            _experiment = $"{id}: {title}";
            _step = "";
            _running = false;
            _ports = [];
            _sequence++;
        }
    }

    public void ExperimentEnded(string id, string status)
    {
        lock (_gate)
        {
            _done.Add($"{id} {status}");
            // A step that ended by an exception reported no end of its own.
            _running = false;
            _ports = [];
            _sequence++;
        }
    }

    /// <summary>A measured run of a step began: its generators serve their pages on these ports.</summary>
    public void StepStarted(string experiment, string step, int number, int total, IReadOnlyList<LoadInvocation> generators)
    {
        lock (_gate)
        {
            _experimentId = experiment;
            _step = step;
            _run = $"{number}/{total}";
            _ports = generators.Select(g => g.DashboardPort).OfType<int>().ToList();
            _running = true;
            _sequence++;
        }
    }

    public void StepEnded(string step, string summary)
    {
        lock (_gate)
        {
            _done.Add($"{_experimentId} {step} ({_run}): {summary}");
            _running = false;
            _ports = [];
            _sequence++;
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            _finished = true;
            _running = false;
            _ports = [];
            _sequence++;
        }
    }

    /// <summary>The port of generator <paramref name="index"/> (1-based) of the step in progress, or null when none runs.</summary>
    public int? GeneratorPort(int index)
    {
        lock (_gate)
        {
            return _running && index >= 1 && index <= _ports.Count ? _ports[index - 1] : null;
        }
    }

    public SuiteDashboardState State()
    {
        lock (_gate)
        {
            return new SuiteDashboardState(_sequence, _running, _experiment, _step, _run, _ports.Count, [.. _done], _finished);
        }
    }

    /// <summary>The state as JSON (GET /suite).</summary>
    public string StatusJson() => JsonSerializer.Serialize(State(), JsonOptions);
}
