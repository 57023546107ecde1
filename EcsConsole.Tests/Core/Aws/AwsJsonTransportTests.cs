using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Tests.Infrastructure;

namespace EcsConsole.Tests.Core.Aws;

/// <summary>Retries (AWS standard mode under a fake clock), error reading, timeouts, network failures and cancellation.</summary>
public sealed class AwsJsonTransportTests
{
    private static readonly ListClustersRequest AnyRequest = new() { MaxResults = 100 };
    private const string ClustersPage = """{"clusterArns":["arn:aws:ecs:eu-west-1:123456789012:cluster/default"]}""";

    private static async Task AdvancePastBackoffAsync(AwsTestHarness aws, TimeSpan expected)
    {
        // Advance only once the backoff timer exists, so the clock move cannot race the code.
        await aws.Time.WaitForTimerAsync(due => due == expected);
        aws.Time.Advance(expected);
    }

    [Fact]
    public async Task ThrottlingIsRetriedAfterExponentialBackoffOnTheClock()
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueError(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded")
            .EnqueueError(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded")
            .EnqueueJson(ClustersPage);

        var call = aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None);
        await aws.Http.WaitForRequestsAsync(1);
        Assert.False(call.IsCompleted);
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(1));
        await aws.Http.WaitForRequestsAsync(2);
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(2));
        var response = await call;

        Assert.Single(response.ClusterArns!);
        var at = aws.Http.Requests.Select(r => r.At).ToList();
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], [at[1] - at[0], at[2] - at[1]]);
        // Each attempt is signed anew, with the time it is sent.
        Assert.Equal(["20260314T092653Z", "20260314T092654Z", "20260314T092656Z"], aws.Http.Requests.Select(r => r.Header("X-Amz-Date")!));
        Assert.Equal(3, aws.Metrics.Count("ECS", "ListClusters"));
    }

    [Fact]
    public void FullJitterNeverWaitsLongerThanTheCap()
    {
        var policy = new AwsRetryPolicy(new AwsOptions { MaxBackoff = TimeSpan.FromSeconds(20) }, () => 0.999);
        Assert.Equal([0.999, 1.998, 3.996, 7.992, 15.984, 19.98, 19.98], Enumerable.Range(1, 7).Select(a => Math.Round(policy.Backoff(a).TotalSeconds, 3)));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "AccessDeniedException", AwsErrorKind.AccessDenied)]
    [InlineData(HttpStatusCode.BadRequest, "ClientException", AwsErrorKind.InvalidInput)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameterException", AwsErrorKind.InvalidInput)]
    [InlineData(HttpStatusCode.BadRequest, "ValidationException", AwsErrorKind.InvalidInput)]
    [InlineData(HttpStatusCode.BadRequest, "ClusterNotFoundException", AwsErrorKind.NotFound)]
    [InlineData(HttpStatusCode.BadRequest, "ResourceAlreadyExistsException", AwsErrorKind.Conflict)]
    [InlineData(HttpStatusCode.BadRequest, "UnrecognizedClientException", AwsErrorKind.AccessDenied)]
    public async Task ClientErrorsAreNotRetriedAndKeepAwsWords(HttpStatusCode status, string code, AwsErrorKind kind)
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueError(status, code, $"AWS says {code}.");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        Assert.Single(aws.Http.Requests);
        Assert.Equal((code, kind, false), (error.ErrorCode, error.Kind, error.IsTransient));
        Assert.EndsWith($"AWS said: AWS says {code}.", error.UserMessage);
        Assert.Equal(500, aws.RetryPolicy.AvailableTokens);
    }

    public static TheoryData<int, string> TransientAnswers => new()
    {
        { 500, """{"__type":"ServerException","message":"Service encountered an error."}""" },
        { 503, "" },
        { 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>" },
        { 504, "<html><body>Gateway Timeout</body></html>" },
        { 429, """{"__type":"TooManyRequestsException","Message":"Too many requests"}""" },
    };

    [Theory]
    [MemberData(nameof(TransientAnswers))]
    public async Task ServerErrorsAreRetried(int status, string body)
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) }).EnqueueJson(ClustersPage);

        var call = aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None);
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(1));

        Assert.Single((await call).ClusterArns!);
        Assert.Equal(2, aws.Http.Requests.Count);
    }

    [Fact]
    public async Task ATimedOutAttemptIsATimeoutAndIsRetried()
    {
        using var aws = new AwsTestHarness(o => o.CallTimeout = TimeSpan.FromSeconds(5));
        aws.Http.EnqueueHang().EnqueueJson(ClustersPage);

        var call = aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None);
        await aws.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5));
        await aws.Http.WaitForRequestsAsync(1);
        aws.Time.Advance(TimeSpan.FromSeconds(5));
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(1));

        Assert.Single((await call).ClusterArns!);
        // A timeout costs 10 tokens of the budget, refunded by the success.
        Assert.Equal(500, aws.RetryPolicy.AvailableTokens);
    }

    [Fact]
    public async Task WhenEveryAttemptTimesOutTheErrorIsKindTimeout()
    {
        using var aws = new AwsTestHarness(o => { o.CallTimeout = TimeSpan.FromSeconds(5); o.MaxAttempts = 1; });
        aws.Http.EnqueueHang();

        var call = aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None);
        await aws.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5));
        await aws.Http.WaitForRequestsAsync(1);
        aws.Time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => call);

        Assert.Equal((AwsErrorKind.Timeout, "RequestTimeout"), (error.Kind, error.ErrorCode));
        Assert.Contains("took too long", error.UserMessage);
    }

    [Fact]
    public async Task ANetworkFailureIsKindNetwork()
    {
        using var aws = new AwsTestHarness(o => o.MaxAttempts = 1);
        aws.Http.EnqueueException(new HttpRequestException("Connection refused (ecs.eu-west-1.amazonaws.com:443)", new SocketException(111)));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        Assert.Equal(AwsErrorKind.Network, error.Kind);
        Assert.Contains("Connection refused", error.AwsMessage);
        Assert.StartsWith("Could not reach ECS", error.UserMessage);
    }

    [Fact]
    public async Task TheRetryBudgetRunsOut()
    {
        using var aws = new AwsTestHarness(o => o.RetryQuota = 5);
        aws.Http.Fallback = (_, _) => Task.FromResult(RecordingHttpHandler.AwsError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", "Down"));

        var first = aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None);
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(1));
        var firstError = await Assert.ThrowsAsync<AwsServiceException>(() => first);
        var secondError = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        // One retry paid with the only 5 tokens; after that every call fails on its first answer.
        Assert.Equal(3, aws.Http.Requests.Count);
        Assert.Equal(AwsErrorKind.Unavailable, firstError.Kind);
        Assert.Equal(AwsErrorKind.Unavailable, secondError.Kind);
        Assert.Equal(0, aws.RetryPolicy.AvailableTokens);
    }

    [Fact]
    public async Task AttemptsAreBounded()
    {
        using var aws = new AwsTestHarness();
        aws.Http.Fallback = (_, _) => Task.FromResult(RecordingHttpHandler.AwsError(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded"));

        var call = aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None);
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(1));
        await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => call);

        Assert.Equal(3, aws.Http.Requests.Count);
        Assert.Equal(AwsErrorKind.Throttled, error.Kind);
        Assert.Contains("throttling", error.UserMessage);
    }

    public static TheoryData<string> IdempotentOperations => ["RunTask", "CreateService"];

    [Theory]
    [MemberData(nameof(IdempotentOperations))]
    public async Task ClientTokenIsTheSameAcrossRetriesAndNewForEachCall(string operation)
    {
        using var aws = new AwsTestHarness();
        Func<Task> call = operation == "RunTask"
            ? () => aws.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "default", TaskDefinition = "web:7" }, CancellationToken.None)
            : () => aws.Ecs.CreateServiceAsync(new CreateServiceRequest { Cluster = "default", ServiceName = "web", TaskDefinition = "web:7" }, CancellationToken.None);

        foreach (var _ in new[] { 1, 2 })
        {
            aws.Http.EnqueueError(HttpStatusCode.InternalServerError, "ServerException", "Service encountered an error.").EnqueueJson("{}");
            var pending = call();
            await AdvancePastBackoffAsync(aws, TimeSpan.FromSeconds(1));
            await pending;
        }

        var tokens = aws.Http.Requests.Select(r => r.Json!["clientToken"]!.GetValue<string>()).ToList();
        Assert.Equal(4, tokens.Count);
        Assert.Equal(tokens[0], tokens[1]);
        Assert.Equal(tokens[2], tokens[3]);
        Assert.NotEqual(tokens[0], tokens[2]);
        Assert.All(tokens, t => Assert.InRange(t.Length, 1, 36));
    }

    [Fact]
    public async Task CancellationStopsBetweenAttempts()
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueError(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded").EnqueueJson(ClustersPage);
        using var cts = new CancellationTokenSource();

        var call = aws.Ecs.ListClustersAsync(AnyRequest, cts.Token);
        await aws.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        aws.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(aws.Http.Requests);
    }

    [Fact]
    public async Task CancellingAHungRequestIsACancellationNotATimeoutAndIsNotRetried()
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueHang();
        using var cts = new CancellationTokenSource();

        var call = aws.Ecs.ListClustersAsync(AnyRequest, cts.Token);
        await aws.Http.WaitForRequestsAsync(1);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<AwsServiceException>(error);
        Assert.Single(aws.Http.Requests);
    }

    public static TheoryData<string, string?, string, AwsErrorKind, string> ErrorBodies => new()
    {
        { """{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}""", null, "ClusterNotFoundException", AwsErrorKind.NotFound, "Cluster not found." },
        { """{"__type":"RepositoryNotFoundException","Message":"The repository with name 'web' does not exist"}""", null, "RepositoryNotFoundException", AwsErrorKind.NotFound, "The repository with name 'web' does not exist" },
        { """{"__type":"AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/","Message":"User is not authorized"}""", null, "AccessDeniedException", AwsErrorKind.AccessDenied, "User is not authorized" },
        { """{"message":"Invalid request"}""", "InvalidParameterException:http://internal.amazon.com/", "InvalidParameterException", AwsErrorKind.InvalidInput, "Invalid request" },
    };

    [Theory]
    [MemberData(nameof(ErrorBodies))]
    public async Task ErrorTypeAndMessageAreReadInEveryShapeAwsUses(string body, string? typeHeader, string code, AwsErrorKind kind, string message)
    {
        using var aws = new AwsTestHarness();
        aws.Http.Enqueue(_ =>
        {
            var response = RecordingHttpHandler.Json(body, HttpStatusCode.BadRequest);
            if (typeHeader is not null) response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", typeHeader);
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "7c1b2a90-request");
            return response;
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        Assert.Equal((code, kind, message, "7c1b2a90-request"), (error.ErrorCode, error.Kind, error.AwsMessage, error.RequestId));
    }

    [Fact]
    public async Task AnHtmlErrorPageFromAProxyBecomesASentence()
    {
        using var aws = new AwsTestHarness(o => o.MaxAttempts = 1);
        aws.Http.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>", System.Text.Encoding.UTF8, "text/html"),
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        Assert.Equal(AwsErrorKind.Unavailable, error.Kind);
        Assert.Equal("The endpoint answered HTTP 502 Bad Gateway with an HTML page titled \"502 Bad Gateway\" instead of an AWS error.", error.AwsMessage);
        Assert.DoesNotContain("<", error.UserMessage);
    }

    public static TheoryData<string> MalformedSuccessBodies =>
    [
        "<html><body>Welcome to nginx!</body></html>",
        """{"clusterArns":5}""",
        """{"clusterArns":["a","b"]""",
        "[1,2,3]",
    ];

    [Theory]
    [MemberData(nameof(MalformedSuccessBodies))]
    public async Task AMalformedAnswerIsAnErrorNotACrash(string body)
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueJson(body);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        Assert.Equal("MalformedResponse", error.ErrorCode);
        Assert.Single(aws.Http.Requests);
        Assert.Contains("could not be read as a ListClusters response", error.AwsMessage);
    }

    [Theory]
    [InlineData("\"not a time\"")]
    [InlineData("1e300")]
    [InlineData("true")]
    public async Task AnUnreadableTimestampIsAMalformedAnswer(string createdAt)
    {
        using var aws = new AwsTestHarness();
        aws.Http.EnqueueJson($$"""{"services":[{"serviceName":"web","createdAt":{{createdAt}}}]}""");

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Services = ["web"] }, CancellationToken.None));

        Assert.Equal("MalformedResponse", error.ErrorCode);
    }

    [Fact]
    public async Task MissingCredentialsAreASentenceAndNothingIsSent()
    {
        using var aws = new AwsTestHarness();
        var connection = new AwsConnection(new ConnectionOptions { Name = "prod", Region = "eu-west-1" },
            () => throw new AmazonClientException("Unable to find credentials"));
        var ecs = new EcsClient(aws.Transport, aws.Context with { Connection = connection });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.ListClustersAsync(AnyRequest, CancellationToken.None));

        Assert.Equal(AwsErrorKind.AccessDenied, error.Kind);
        Assert.Contains("No usable AWS credentials for connection 'prod'", error.AwsMessage);
        Assert.Empty(aws.Http.Requests);
    }
}
