using EcsConsole.Core.Live;
using EcsConsole.Core.Services;
using EcsConsole.Core.Tasks;

namespace EcsConsole.Web.Services.Live;

/// <summary>A page's copy of a watched cluster: the snapshot with every change applied.</summary>
public sealed class ClusterView
{
    private readonly Dictionary<string, EcsServiceSummary> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EcsTaskDetail> _tasks = new(StringComparer.Ordinal);

    public LiveStatus Status { get; private set; } = LiveStatus.Loading;

    /// <summary>Bumped on every applied change, so tables know to refilter.</summary>
    public int Version { get; private set; }

    public IEnumerable<EcsServiceSummary> Services => _services.Values.OrderBy(s => s.Name, StringComparer.Ordinal);

    public IEnumerable<EcsTaskDetail> Tasks => _tasks.Values;

    public int ServiceCount => _services.Count;

    public int TaskCount => _tasks.Count;

    public EcsServiceSummary? Service(string name) => _services.Values.FirstOrDefault(s => s.Name == name);

    public EcsTaskDetail? Task(string id) => _tasks.Values.FirstOrDefault(t => t.Id == id || t.Arn == id);

    public void Load(ClusterSnapshot snapshot)
    {
        _services.Clear();
        _tasks.Clear();
        foreach (var s in snapshot.Services) _services[s.Arn] = s;
        foreach (var t in snapshot.Tasks) _tasks[t.Arn] = t;
        Status = snapshot.Status;
        Version++;
    }

    public void Apply(ClusterChange change)
    {
        switch (change)
        {
            case ClusterChange.ServiceUpdated u: _services[u.Service.Arn] = u.Service; break;
            case ClusterChange.ServiceRemoved r: _services.Remove(r.Arn); break;
            case ClusterChange.TaskUpdated u: _tasks[u.Task.Arn] = u.Task; break;
            case ClusterChange.TaskRemoved r: _tasks.Remove(r.Arn); break;
            case ClusterChange.StatusChanged s: Status = s.Status; break;
            case ClusterChange.Resynced r: Load(r.Snapshot); return;
        }

        Version++;
    }
}
