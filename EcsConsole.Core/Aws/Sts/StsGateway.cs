using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace EcsConsole.Core.Aws.Sts;

/// <summary>Who the connection's credentials belong to (account and caller ARN).</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);

public sealed class StsGateway(IAmazonSecurityTokenService sts, AwsCallMetrics metrics)
{
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken ct)
    {
        metrics.Record("STS", "GetCallerIdentity");
        var response = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct).ConfigureAwait(false);
        return new CallerIdentity(response.Account ?? "", response.Arn ?? "", response.UserId ?? "");
    }
}
