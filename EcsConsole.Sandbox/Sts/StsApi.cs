using System.Xml.Linq;
using EcsConsole.Sandbox.Protocol;

namespace EcsConsole.Sandbox.Sts;

/// <summary>STS GetCallerIdentity: every signed request belongs to the sandbox account's one user.</summary>
internal sealed class StsApi(SandboxOptions options)
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public XElement Invoke(string action, string accessKey, string requestId)
    {
        if (action != "GetCallerIdentity")
        {
            throw new SandboxApiException("InvalidAction", $"Could not find operation {action} for version 2011-06-15");
        }

        // A stable user id derived from the access key, shaped like IAM's (AIDA + 17 characters).
        var userId = "AIDA" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(accessKey)))[..17];
        return new XElement(Ns + "GetCallerIdentityResponse",
            new XElement(Ns + "GetCallerIdentityResult",
                new XElement(Ns + "Arn", $"arn:aws:iam::{options.AccountId}:user/sandbox"),
                new XElement(Ns + "UserId", userId),
                new XElement(Ns + "Account", options.AccountId)),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)));
    }
}
