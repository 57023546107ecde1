namespace EcsConsole.Core.Aws;

/// <summary>
/// AWS "standard" retry mode: bounded attempts, exponential backoff with full jitter capped at
/// <see cref="AwsOptions.MaxBackoff"/>, and a token bucket so that a failing endpoint cannot turn
/// every call into several (retries cost 5 tokens, timeouts 10; a success refunds).
/// </summary>
public sealed class AwsRetryPolicy(AwsOptions options, Func<double>? random = null)
{
    public const int RetryCost = 5;
    public const int TimeoutRetryCost = 10;
    public const int NoRetryIncrement = 1;

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private readonly Lock _gate = new();
    private int _tokens = options.RetryQuota;

    public int MaxAttempts { get; } = Math.Max(1, options.MaxAttempts);

    public int AvailableTokens
    {
        get { lock (_gate) return _tokens; }
    }

    /// <summary>Backoff before attempt <paramref name="attempt"/> + 1 (attempt counts from 1).</summary>
    public TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(Math.Pow(2, attempt - 1), options.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(_random() * ceiling);
    }

    /// <summary>Takes retry tokens; false when the budget is spent and the error should surface.</summary>
    public bool TryAcquire(AwsServiceException error, out int cost)
    {
        cost = error.Kind == AwsErrorKind.Timeout ? TimeoutRetryCost : RetryCost;
        lock (_gate)
        {
            if (_tokens < cost)
            {
                cost = 0;
                return false;
            }

            _tokens -= cost;
            return true;
        }
    }

    /// <summary>Gives back what a call's retries took, or one token for a first-try success.</summary>
    public void OnSuccess(int spent)
    {
        lock (_gate)
        {
            _tokens = Math.Min(options.RetryQuota, _tokens + (spent > 0 ? spent : NoRetryIncrement));
        }
    }
}
