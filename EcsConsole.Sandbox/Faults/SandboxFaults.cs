namespace EcsConsole.Sandbox.Faults;

/// <summary>What fault injection decided for one request.</summary>
public enum SandboxFaultKind
{
    None,
    Throttle,
    ServerError,
}

public sealed record SandboxFaultDecision(SandboxFaultKind Kind, TimeSpan Latency);

/// <summary>
/// Fault injection for reliability tests: rules from configuration, replaceable at run time
/// (<see cref="Set"/>, or PUT /_sandbox/faults). The first rule that matches a request decides.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private List<(SandboxFaultRule Rule, int Injected)> _rules;

    public SandboxFaults(IEnumerable<SandboxFaultRule> rules, Random? random = null)
    {
        _random = random ?? Random.Shared;
        _rules = [.. rules.Select(r => (Copy(r), 0))];
    }

    public IReadOnlyList<SandboxFaultRule> Rules
    {
        get
        {
            lock (_lock) return [.. _rules.Select(r => Copy(r.Rule))];
        }
    }

    /// <summary>Replaces every rule (an empty list turns fault injection off).</summary>
    public void Set(IEnumerable<SandboxFaultRule> rules)
    {
        var copies = rules.Select(Copy).ToList();
        foreach (var rule in copies) Validate(rule);
        lock (_lock) _rules = [.. copies.Select(r => (r, 0))];
    }

    public void Clear() => Set([]);

    public SandboxFaultDecision Decide(string service, string operation)
    {
        lock (_lock)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, injected) = _rules[i];
                if (!Matches(rule.Service, service) || !Matches(rule.Operation, operation)) continue;
                var kind = SandboxFaultKind.None;
                if (rule.Limit is null || injected < rule.Limit)
                {
                    var roll = _random.NextDouble();
                    if (roll < rule.ThrottleRate) kind = SandboxFaultKind.Throttle;
                    else if (roll < rule.ThrottleRate + rule.ErrorRate) kind = SandboxFaultKind.ServerError;
                }

                if (kind != SandboxFaultKind.None) _rules[i] = (rule, injected + 1);
                return new SandboxFaultDecision(kind, rule.Latency);
            }

            return new SandboxFaultDecision(SandboxFaultKind.None, TimeSpan.Zero);
        }
    }

    internal static void Validate(SandboxFaultRule rule)
    {
        if (rule.ThrottleRate is < 0 or > 1 || rule.ErrorRate is < 0 or > 1 || rule.ThrottleRate + rule.ErrorRate > 1)
        {
            throw new ArgumentException("ThrottleRate and ErrorRate are shares between 0 and 1 and together at most 1.");
        }

        if (rule.Latency < TimeSpan.Zero || rule.Latency > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException("Latency must be between 0 and 5 minutes.");
        }
    }

    private static bool Matches(string pattern, string value)
        => pattern == "*" || string.IsNullOrEmpty(pattern) || pattern.Equals(value, StringComparison.OrdinalIgnoreCase);

    private static SandboxFaultRule Copy(SandboxFaultRule r) => new()
    {
        Service = r.Service,
        Operation = r.Operation,
        ThrottleRate = r.ThrottleRate,
        ErrorRate = r.ErrorRate,
        Latency = r.Latency,
        Limit = r.Limit,
    };
}
