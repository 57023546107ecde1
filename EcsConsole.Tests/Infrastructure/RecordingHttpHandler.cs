using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>One request as it went over the wire, with the (fake) time it was sent.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? Target => Header("X-Amz-Target");

    /// <summary>The operation: the part of X-Amz-Target after the dot, or the query protocol's Action.</summary>
    public string? Operation => Target is { } t ? t[(t.IndexOf('.', StringComparison.Ordinal) + 1)..] : Form("Action");

    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    /// <summary>A value of an x-www-form-urlencoded body (EC2 and STS query protocol).</summary>
    public string? Form(string name)
        => Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => Uri.UnescapeDataString(p[0]) == name)
            .Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""))
            .FirstOrDefault();

    /// <summary>All values of a form list such as Filter.1.Value.1, Filter.1.Value.2 ….</summary>
    public IReadOnlyList<string> FormValues(string prefix)
        => [.. Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => Uri.UnescapeDataString(p[0]).StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))];
}

/// <summary>
/// An <see cref="HttpMessageHandler"/> that records every request and answers from a queue of
/// responders (then from <see cref="Fallback"/>). Thread-safe; reusable for any HTTP-speaking code.
/// </summary>
public sealed class RecordingHttpHandler(TimeProvider? time = null) : HttpMessageHandler
{
    public delegate Task<HttpResponseMessage> Responder(RecordedRequest request, CancellationToken ct);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentQueue<Responder> _queue = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Answers requests once the queue is empty (by default: 200 with "{}").</summary>
    public Responder Fallback { get; set; } = (_, _) => Task.FromResult(Json("{}"));

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    public RecordingHttpHandler Enqueue(Responder responder)
    {
        _queue.Enqueue(responder);
        return this;
    }

    public RecordingHttpHandler Enqueue(Func<RecordedRequest, HttpResponseMessage> respond)
        => Enqueue((r, _) => Task.FromResult(respond(r)));

    public RecordingHttpHandler EnqueueJson(string json) => Enqueue(_ => Json(json));

    public RecordingHttpHandler EnqueueError(HttpStatusCode status, string type, string message)
        => Enqueue(_ => AwsError(status, type, message));

    public RecordingHttpHandler EnqueueException(Exception exception) => Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>A request that never gets an answer until it is cancelled (a hung connection).</summary>
    public RecordingHttpHandler EnqueueHang()
        => Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers) headers[name] = string.Join(",", values);
        }

        headers["Host"] = request.Headers.Host ?? request.RequestUri!.Authority;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body, _time.GetUtcNow());
        lock (_gate)
        {
            _requests.Add(recorded);
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        var responder = _queue.TryDequeue(out var next) ? next : Fallback;
        var response = await responder(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };

    /// <summary>An AWS JSON 1.1 error as ECS, ECR and Logs send it.</summary>
    public static HttpResponseMessage AwsError(HttpStatusCode status, string type, string message)
    {
        var response = Json(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), status);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-" + type.GetHashCode().ToString("x8"));
        return response;
    }

    /// <summary>An XML answer (EC2 and STS query protocol).</summary>
    public static HttpResponseMessage Xml(string xml, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
}
