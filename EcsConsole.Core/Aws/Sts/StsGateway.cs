using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace EcsConsole.Core.Aws.Sts;

/// <summary>Who the connection's credentials belong to (account and caller ARN).</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);

public sealed class StsGateway(IAmazonSecurityTokenService sts, AwsCallMetrics metrics) : IDisposable
{
    public void Dispose() => sts.Dispose();

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken ct)
    {
        var response = await AwsSdkCalls.RunAsync(metrics, "STS", "GetCallerIdentity",
            c => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), c), ct).ConfigureAwait(false);
        return new CallerIdentity(response.Account ?? "", response.Arn ?? "", response.UserId ?? "");
    }
}
