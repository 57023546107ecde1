using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Engine;

/// <summary>A running task's stand-in app address: which public IP and container port it answers on.</summary>
public sealed record SandboxAppEndpoint(string PublicIp, int Port, string TaskArn);

/// <summary>
/// The simulated account: its state, one lock around it, and the clock that drives the state
/// machines. Every API call first advances the account to "now", so what a caller sees depends only
/// on the injected clock, never on when the background ticker last ran.
/// </summary>
public sealed class SandboxAccount
{
    // Long gaps (a restart after a weekend, a fake clock jumping a day) are stepped through in at
    // most this many steps so that catching up stays cheap.
    private const int MaxStepsPerAdvance = 20_000;

    private readonly Lock _lock = new();
    private SandboxState _state;

    internal SandboxAccount(SandboxOptions options, TimeProvider time, SandboxState? state)
    {
        Options = options;
        Time = time;
        _state = state ?? NewState();
    }

    public SandboxOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>Set when the state changed since the store last saved it.</summary>
    internal bool Dirty { get; private set; }

    /// <summary>Bumped whenever the set of running tasks with a public IP may have changed.</summary>
    internal long Generation { get; private set; }

    /// <summary>Runs <paramref name="action"/> on a region's state after advancing the clock.</summary>
    internal T Execute<T>(string region, bool mutates, Func<RegionContext, T> action)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            AdvanceLocked(now);
            var result = action(new RegionContext(this, RegionLocked(region), now));
            if (mutates)
            {
                Dirty = true;
                Generation++;
            }

            return result;
        }
    }

    /// <summary>Advances every region's state machines to the clock's current time.</summary>
    public void Advance()
    {
        lock (_lock)
        {
            AdvanceLocked(Time.GetUtcNow());
        }
    }

    /// <summary>Forgets everything and starts again from the seeded account.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _state = NewState();
            Dirty = true;
            Generation++;
        }
    }

    /// <summary>Public IP + port of every RUNNING task, for the app stand-ins.</summary>
    public IReadOnlyList<SandboxAppEndpoint> RunningApps()
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            AdvanceLocked(now);
            return [.. _state.Regions.Values
                .SelectMany(r => r.Tasks)
                .Where(t => t.Network.PublicIp is not null && TaskTimeline.LastStatus(t, now) == TaskTimeline.Running)
                .SelectMany(t => t.Containers.SelectMany(c => c.Ports).Distinct().Select(p => new SandboxAppEndpoint(t.Network.PublicIp!, p, t.Arn)))];
        }
    }

    /// <summary>Writes a request the app stand-in served into the container's log stream, as uvicorn would.</summary>
    internal void AppendAccessLog(string taskArn, int port, string request)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var region in _state.Regions.Values)
            {
                var task = region.Tasks.FirstOrDefault(t => t.Arn == taskArn);
                var container = task?.Containers.FirstOrDefault(c => c.LogStream is not null && c.Ports.Contains(port));
                var group = region.LogGroups.FirstOrDefault(g => g.Name == container?.LogGroup);
                if (container is null || group is null) continue;
                var stream = Logs.LogStore.GetOrCreateStream(group, container.LogStream!, Time.GetUtcNow());
                Logs.LogStore.Append(stream, now, now + 250, $"INFO:     198.51.100.1:{50000 + (now % 10000)} - {request}");
                Dirty = true;
            }
        }
    }

    /// <summary>A copy of the state for saving, taken under the lock; clears <see cref="Dirty"/>.</summary>
    internal string Snapshot(Func<SandboxState, string> serialize)
    {
        lock (_lock)
        {
            Dirty = false;
            return serialize(_state);
        }
    }

    /// <summary>Public IPs in use anywhere in the account (they come from one pool).</summary>
    internal HashSet<string> PublicIpsInUse(DateTimeOffset now)
        => [.. _state.Regions.Values.SelectMany(r => r.Tasks)
            .Where(t => t.Network.PublicIp is not null && TaskTimeline.HasEni(t, now))
            .Select(t => t.Network.PublicIp!)];

    private SandboxState NewState() => new() { Clock = Time.GetUtcNow() };

    private RegionState RegionLocked(string region)
    {
        if (!_state.Regions.TryGetValue(region, out var state))
        {
            state = Seeder.NewRegion(this, region, _state.Clock);
            _state.Regions[region] = state;
            Dirty = true;
        }

        return state;
    }

    private void AdvanceLocked(DateTimeOffset now)
    {
        if (_state.Regions.Count == 0)
        {
            // The home region exists from the start so that its demo service is running already.
            RegionLocked(Options.Region);
        }

        var clock = _state.Clock;
        if (now <= clock) return;

        var step = Options.TickInterval > TimeSpan.Zero ? Options.TickInterval : TimeSpan.FromSeconds(1);
        var minimum = (now - clock) / MaxStepsPerAdvance;
        if (minimum > step) step = minimum;
        while (clock < now)
        {
            clock += step;
            if (clock > now) clock = now;
            foreach (var region in _state.Regions.Values)
            {
                if (Step(new RegionContext(this, region, clock)))
                {
                    Dirty = true;
                    Generation++;
                }
            }
        }

        _state.Clock = now;
    }

    /// <summary>One step of every state machine in a region; true when something changed.</summary>
    private static bool Step(RegionContext ctx)
    {
        var changed = ContainerLogs.Write(ctx);
        changed |= ServiceScheduler.Reconcile(ctx);
        var retention = ctx.Account.Options.StoppedTaskRetention;
        changed |= ctx.Region.Tasks.RemoveAll(t => t.Stop is { } s && ctx.Now >= s.StoppedAt + retention) > 0;
        return changed;
    }
}

/// <summary>One region's state at one moment, plus the account it belongs to.</summary>
internal sealed record RegionContext(SandboxAccount Account, RegionState Region, DateTimeOffset Now)
{
    public Arns Arns { get; } = new(Region.Region, Account.Options.AccountId);

    public SandboxLifecycleOptions Lifecycle => Account.Options.Lifecycle;
}
