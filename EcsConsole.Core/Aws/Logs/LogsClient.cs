using EcsConsole.Core.Aws.Logs.Model;

namespace EcsConsole.Core.Aws.Logs;

/// <summary>CloudWatch Logs over AWS JSON 1.1.</summary>
public sealed class LogsClient(AwsJsonTransport transport, AwsClientContext context)
{
    public AwsClientContext Context => context;

    private Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken ct)
        where TResponse : new()
        => transport.InvokeAsync<TRequest, TResponse>(context, AwsService.Logs, operation, request, ct);

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken ct)
        => CallAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", request, ct);

    public Task<AwsEmptyResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken ct)
        => CallAsync<CreateLogGroupRequest, AwsEmptyResponse>("CreateLogGroup", request, ct);

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken ct)
        => CallAsync<DescribeLogStreamsRequest, DescribeLogStreamsResponse>("DescribeLogStreams", request, ct);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken ct)
        => CallAsync<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", request, ct);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken ct)
        => CallAsync<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", request, ct);

    public IAsyncEnumerable<LogGroup> DescribeAllLogGroupsAsync(string? prefix, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = prefix, NextToken = token }, ct),
            r => r.LogGroups, r => r.NextToken, ct);

    public IAsyncEnumerable<LogStream> DescribeAllLogStreamsAsync(string logGroupName, string? prefix, CancellationToken ct)
        => AwsPaging.PagesAsync(
            token => DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = logGroupName, LogStreamNamePrefix = prefix, NextToken = token }, ct),
            r => r.LogStreams, r => r.NextToken, ct);
}
