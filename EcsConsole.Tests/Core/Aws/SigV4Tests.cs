using System.Text;
using Amazon.Runtime;
using EcsConsole.Core.Aws;

namespace EcsConsole.Tests.Core.Aws;

/// <summary>AWS's published Signature Version 4 test suite (credentials AKIDEXAMPLE, 2015-08-30 12:36:00 UTC).</summary>
public sealed class SigV4Tests
{
    private static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void GetVanilla()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var authorization = SigV4.Sign("GET", new Uri("https://example.amazonaws.com/"), headers, [], Credentials, "us-east-1", "service", SignedAt);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            authorization);
        Assert.Equal("20150830T123600Z", headers["X-Amz-Date"]);
    }

    [Fact]
    public void PostVanilla()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var authorization = SigV4.Sign("POST", new Uri("https://example.amazonaws.com/"), headers, [], Credentials, "us-east-1", "service", SignedAt);
        Assert.EndsWith("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", authorization);
    }

    [Fact]
    public void GetVanillaQueryOrderKeyCase()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var authorization = SigV4.Sign("GET", new Uri("https://example.amazonaws.com/?Param2=value2&Param1=value1"), headers, [], Credentials, "us-east-1", "service", SignedAt);
        Assert.EndsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", authorization);
    }

    [Fact]
    public void PostXWwwFormUrlencoded()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/x-www-form-urlencoded",
        };
        var authorization = SigV4.Sign("POST", new Uri("https://example.amazonaws.com/"), headers, Encoding.UTF8.GetBytes("Param1=value1"), Credentials, "us-east-1", "service", SignedAt);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            authorization);
    }

    [Fact]
    public void SessionTokenIsSignedAndSent()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var withToken = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-value");
        var authorization = SigV4.Sign("POST", new Uri("https://ecs.us-east-1.amazonaws.com/"), headers, "{}"u8, withToken, "us-east-1", "ecs", SignedAt);
        Assert.Equal("session-token-value", headers["X-Amz-Security-Token"]);
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token", authorization);
    }

    /// <summary>More vectors of the published suite (signatures cross-checked with botocore's SigV4Auth).</summary>
    [Theory]
    [InlineData("get-vanilla-query-unreserved", "GET", "https://example.amazonaws.com/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197")]
    [InlineData("post-vanilla-query", "POST", "https://example.amazonaws.com/?Param1=value1", "", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11")]
    [InlineData("post-header-key-sort", "POST", "https://example.amazonaws.com/", "My-Header1:value1", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c")]
    [InlineData("post-header-value-case", "POST", "https://example.amazonaws.com/", "My-Header1:VALUE1", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d")]
    [InlineData("get-header-value-trim", "GET", "https://example.amazonaws.com/", "My-Header1: value1|My-Header2: \"a   b   c\"", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")]
    public void PublishedVectors(string name, string method, string url, string extraHeaders, string signature)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in extraHeaders.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = header.IndexOf(':');
            headers[header[..colon]] = header[(colon + 1)..];
        }

        var authorization = SigV4.Sign(method, new Uri(url), headers, [], Credentials, "us-east-1", "service", SignedAt);

        Assert.True(authorization.EndsWith("Signature=" + signature, StringComparison.Ordinal), $"{name}: {authorization}");
    }
}
