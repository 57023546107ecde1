using System.Globalization;
using System.Text.RegularExpressions;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Logs.Model;
using EcsConsole.Sandbox.Engine;
using EcsConsole.Sandbox.Protocol;
using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Logs;

/// <summary>CloudWatch Logs groups, streams and events, AWS JSON 1.1.</summary>
internal sealed partial class LogsApi(SandboxAccount account) : IJsonService
{
    public const int MaxEventsPerCall = 10_000;

    [GeneratedRegex(@"^[\.\-_/#A-Za-z0-9]{1,512}$")]
    private static partial Regex GroupName();

    [GeneratedRegex(@"^(?<dir>[fb])/(?<index>\d{56})/s$")]
    private static partial Regex EventsToken();

    public string Name => "logs";

    public string TargetPrefix => AwsService.Logs.TargetPrefix;

    public string ThrottlingCode => "ThrottlingException";

    public string ServerErrorCode => "ServiceUnavailableException";

    public object Invoke(string operation, byte[] body, string region) => operation switch
    {
        "DescribeLogGroups" => Run<DescribeLogGroupsRequest>(body, region, false, DescribeLogGroups),
        "CreateLogGroup" => Run<CreateLogGroupRequest>(body, region, true, CreateLogGroup),
        "DeleteLogGroup" => Run<CreateLogGroupRequest>(body, region, true, DeleteLogGroup),
        "DescribeLogStreams" => Run<DescribeLogStreamsRequest>(body, region, false, DescribeLogStreams),
        "CreateLogStream" => Run<CreateLogStreamRequest>(body, region, true, CreateLogStream),
        "PutLogEvents" => Run<PutLogEventsRequest>(body, region, true, PutLogEvents),
        "GetLogEvents" => Run<GetLogEventsRequest>(body, region, false, GetLogEvents),
        "FilterLogEvents" => Run<FilterLogEventsRequest>(body, region, false, FilterLogEvents),
        _ => throw new SandboxApiException("UnknownOperationException", $"The sandbox does not implement CloudWatch Logs {operation}."),
    };

    private object Run<TRequest>(byte[] body, string region, bool mutates, Func<TRequest, RegionContext, object> handler) where TRequest : new()
    {
        var request = JsonBody.Read<TRequest>(body);
        return account.Execute(region, mutates, ctx => handler(request, ctx));
    }

    private static LogGroupState Group(RegionContext ctx, string? name, string? identifier = null)
    {
        var wanted = name ?? identifier;
        if (wanted is not null && wanted.StartsWith("arn:", StringComparison.Ordinal))
        {
            wanted = wanted.Split(":log-group:", 2) is { Length: 2 } parts ? parts[1].TrimEnd('*').TrimEnd(':') : wanted;
        }

        if (string.IsNullOrEmpty(wanted))
        {
            throw new SandboxApiException("InvalidParameterException", "Either logGroupName or logGroupIdentifier must be given.");
        }

        return ctx.Region.LogGroups.FirstOrDefault(g => g.Name == wanted)
               ?? throw new SandboxApiException("ResourceNotFoundException", "The specified log group does not exist.");
    }

    private static LogStreamState Stream(LogGroupState group, string? name)
        => group.Streams.FirstOrDefault(s => s.Name == name)
           ?? throw new SandboxApiException("ResourceNotFoundException", "The specified log stream does not exist.");

    private static void CheckLimit(int? limit, int max)
    {
        if (limit is { } l && (l < 1 || l > max))
        {
            throw new SandboxApiException("InvalidParameterException", $"1 validation error detected: Value '{l}' at 'limit' failed to satisfy constraint: Member must have value between 1 and {max}");
        }
    }

    private static DescribeLogGroupsResponse DescribeLogGroups(DescribeLogGroupsRequest request, RegionContext ctx)
    {
        CheckLimit(request.Limit, 50);
        var groups = ctx.Region.LogGroups
            .Where(g => request.LogGroupNamePrefix is null || g.Name.StartsWith(request.LogGroupNamePrefix, StringComparison.Ordinal))
            .Where(g => request.LogGroupNamePattern is null || g.Name.Contains(request.LogGroupNamePattern, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var page = Paging.Page(groups, request.NextToken, request.Limit ?? 50, "loggroups", out var next);
        return new DescribeLogGroupsResponse
        {
            LogGroups = [.. page.Select(g => new LogGroup
            {
                LogGroupName = g.Name,
                CreationTime = g.CreatedAt.ToUnixTimeMilliseconds(),
                RetentionInDays = g.RetentionInDays,
                MetricFilterCount = 0,
                Arn = ctx.Arns.LogGroup(g.Name) + ":*",
                LogGroupArn = ctx.Arns.LogGroup(g.Name),
                StoredBytes = g.Streams.Sum(s => s.Events.Sum(e => (long)e.Message.Length)),
                LogGroupClass = "STANDARD",
                DeletionProtectionEnabled = false,
            })],
            NextToken = next,
        };
    }

    private static AwsEmptyResponse CreateLogGroup(CreateLogGroupRequest request, RegionContext ctx)
    {
        var name = request.LogGroupName ?? "";
        if (!GroupName().IsMatch(name))
        {
            throw new SandboxApiException("InvalidParameterException",
                $"1 validation error detected: Value '{name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }

        if (ctx.Region.LogGroups.Any(g => g.Name == name))
        {
            throw new SandboxApiException("ResourceAlreadyExistsException", "The specified log group already exists");
        }

        ctx.Region.LogGroups.Add(new LogGroupState { Name = name, CreatedAt = ctx.Now });
        return new AwsEmptyResponse();
    }

    private static AwsEmptyResponse DeleteLogGroup(CreateLogGroupRequest request, RegionContext ctx)
    {
        ctx.Region.LogGroups.Remove(Group(ctx, request.LogGroupName));
        return new AwsEmptyResponse();
    }

    private static DescribeLogStreamsResponse DescribeLogStreams(DescribeLogStreamsRequest request, RegionContext ctx)
    {
        CheckLimit(request.Limit, 50);
        var group = Group(ctx, request.LogGroupName, request.LogGroupIdentifier);
        var byTime = request.OrderBy == "LastEventTime";
        if (byTime && request.LogStreamNamePrefix is not null)
        {
            throw new SandboxApiException("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var streams = group.Streams
            .Where(s => request.LogStreamNamePrefix is null || s.Name.StartsWith(request.LogStreamNamePrefix, StringComparison.Ordinal));
        var ordered = byTime
            ? streams.OrderBy(s => s.Events.Count > 0 ? s.Events[^1].Timestamp : s.CreatedAt.ToUnixTimeMilliseconds()).ThenBy(s => s.Name, StringComparer.Ordinal)
            : streams.OrderBy(s => s.Name, StringComparer.Ordinal);
        var list = (request.Descending == true ? ordered.Reverse() : ordered).ToList();
        var page = Paging.Page(list, request.NextToken, request.Limit ?? 50, $"streams:{group.Name}:{request.OrderBy}:{request.Descending}", out var next);
        return new DescribeLogStreamsResponse
        {
            LogStreams = [.. page.Select(s => new LogStream
            {
                LogStreamName = s.Name,
                CreationTime = s.CreatedAt.ToUnixTimeMilliseconds(),
                FirstEventTimestamp = s.Events.Count > 0 ? s.Events[0].Timestamp : null,
                LastEventTimestamp = s.Events.Count > 0 ? s.Events[^1].Timestamp : null,
                LastIngestionTime = s.Events.Count > 0 ? s.Events.Max(e => e.IngestionTime) : null,
                Arn = ctx.Arns.LogStream(group.Name, s.Name),
                StoredBytes = 0,
            })],
            NextToken = next,
        };
    }

    private static AwsEmptyResponse CreateLogStream(CreateLogStreamRequest request, RegionContext ctx)
    {
        var group = Group(ctx, request.LogGroupName);
        var name = request.LogStreamName ?? "";
        if (name.Length is < 1 or > 512 || name.Contains(':', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
        {
            throw new SandboxApiException("InvalidParameterException", "The log stream name must be 1–512 characters and may not contain ':' or '*'.");
        }

        if (group.Streams.Any(s => s.Name == name))
        {
            throw new SandboxApiException("ResourceAlreadyExistsException", "The specified log stream already exists");
        }

        group.Streams.Add(new LogStreamState { Name = name, CreatedAt = ctx.Now });
        return new AwsEmptyResponse();
    }

    private static PutLogEventsResponse PutLogEvents(PutLogEventsRequest request, RegionContext ctx)
    {
        var stream = Stream(Group(ctx, request.LogGroupName), request.LogStreamName);
        var events = request.LogEvents ?? [];
        if (events.Count is < 1 or > MaxEventsPerCall)
        {
            throw new SandboxApiException("InvalidParameterException", $"logEvents must hold between 1 and {MaxEventsPerCall} events.");
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw new SandboxApiException("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }

        var now = ctx.Now.ToUnixTimeMilliseconds();
        int? tooNew = null;
        int? tooOld = null;
        for (var i = 0; i < events.Count; i++)
        {
            var timestamp = events[i].Timestamp ?? 0;
            // CloudWatch rejects events more than 2 hours ahead or 14 days behind.
            if (timestamp > now + (2 * 3600_000L))
            {
                tooNew ??= i;
                continue;
            }

            if (timestamp < now - (14 * 86_400_000L))
            {
                tooOld = i;
                continue;
            }

            LogStore.Append(stream, timestamp, now, events[i].Message ?? "");
        }

        return new PutLogEventsResponse
        {
            NextSequenceToken = stream.NextSequence.ToString("D56", CultureInfo.InvariantCulture),
            RejectedLogEventsInfo = tooNew is null && tooOld is null ? null : new RejectedLogEventsInfo { TooNewLogEventStartIndex = tooNew, TooOldLogEventEndIndex = tooOld },
        };
    }

    private static GetLogEventsResponse GetLogEvents(GetLogEventsRequest request, RegionContext ctx)
    {
        CheckLimit(request.Limit, MaxEventsPerCall);
        var stream = Stream(Group(ctx, request.LogGroupName, request.LogGroupIdentifier), request.LogStreamName);
        var events = stream.Events
            .Where(e => request.StartTime is null || e.Timestamp >= request.StartTime)
            .Where(e => request.EndTime is null || e.Timestamp < request.EndTime)
            .ToList();
        var limit = request.Limit ?? MaxEventsPerCall;
        int from;
        int to;
        if (request.NextToken is { Length: > 0 } token)
        {
            var match = EventsToken().Match(token);
            if (!match.Success)
            {
                throw new SandboxApiException("InvalidParameterException", "The specified nextToken is invalid.");
            }

            var index = (int)Math.Min(long.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture), events.Count);
            (from, to) = match.Groups["dir"].Value == "f"
                ? (index, Math.Min(index + limit, events.Count))
                : (Math.Max(0, index - limit), index);
        }
        else if (request.StartFromHead == true)
        {
            (from, to) = (0, Math.Min(limit, events.Count));
        }
        else
        {
            (from, to) = (Math.Max(0, events.Count - limit), events.Count);
        }

        return new GetLogEventsResponse
        {
            Events = [.. events.Skip(from).Take(to - from).Select(e => new OutputLogEvent { Timestamp = e.Timestamp, Message = e.Message, IngestionTime = e.IngestionTime })],
            // Forward: after the last event returned, so a caught-up reader gets its own token back.
            NextForwardToken = $"f/{to.ToString("D56", CultureInfo.InvariantCulture)}/s",
            NextBackwardToken = $"b/{from.ToString("D56", CultureInfo.InvariantCulture)}/s",
        };
    }

    private static FilterLogEventsResponse FilterLogEvents(FilterLogEventsRequest request, RegionContext ctx)
    {
        CheckLimit(request.Limit, MaxEventsPerCall);
        var group = Group(ctx, request.LogGroupName, request.LogGroupIdentifier);
        if (request.LogStreamNames is { Count: > 0 } && request.LogStreamNamePrefix is not null)
        {
            throw new SandboxApiException("InvalidParameterException", "You cannot specify both logStreamNames and logStreamNamePrefix.");
        }

        if (request.LogStreamNames is { Count: > 100 })
        {
            throw new SandboxApiException("InvalidParameterException", "logStreamNames can have at most 100 items.");
        }

        var pattern = FilterPattern.Parse(request.FilterPattern);
        var streams = group.Streams
            .Where(s => request.LogStreamNames is not { Count: > 0 } names || names.Contains(s.Name))
            .Where(s => request.LogStreamNamePrefix is null || s.Name.StartsWith(request.LogStreamNamePrefix, StringComparison.Ordinal))
            .ToList();
        var matches = streams
            .SelectMany(s => s.Events.Select(e => (Stream: s, Event: e)))
            .Where(x => request.StartTime is null || x.Event.Timestamp >= request.StartTime)
            .Where(x => request.EndTime is null || x.Event.Timestamp <= request.EndTime)
            .Where(x => pattern.Matches(x.Event.Message))
            .OrderBy(x => x.Event.Timestamp).ThenBy(x => x.Stream.Name, StringComparer.Ordinal).ThenBy(x => x.Event.Sequence)
            .ToList();
        var scope = $"filter:{group.Name}:{request.FilterPattern}:{request.StartTime}:{request.EndTime}";
        var page = Paging.Page(matches, request.NextToken, request.Limit ?? MaxEventsPerCall, scope, out var next);
        return new FilterLogEventsResponse
        {
            Events = [.. page.Select(x => new FilteredLogEvent
            {
                LogStreamName = x.Stream.Name,
                Timestamp = x.Event.Timestamp,
                Message = x.Event.Message,
                IngestionTime = x.Event.IngestionTime,
                EventId = $"{x.Event.Timestamp:D20}{group.Streams.IndexOf(x.Stream):D12}{x.Event.Sequence:D24}",
            })],
            SearchedLogStreams = [.. streams.Select(s => new SearchedLogStream { LogStreamName = s.Name, SearchedCompletely = true })],
            NextToken = next,
        };
    }
}
