using System.Globalization;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Logs;
using EcsConsole.Web.Logs;
using EcsConsole.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace EcsConsole.Web.Components.Shared;

/// <summary>
/// A live, virtualized log viewer. Lines arrive on background subscriptions into a pending list;
/// a timer applies them to a bounded buffer and re-renders at most every
/// <see cref="LogsOptions.RenderIntervalMilliseconds"/>, so a burst of lines costs one render.
/// </summary>
public sealed partial class LogViewer : IAsyncDisposable
{
    /// <summary>One buffered line, with what rendering needs worked out once on arrival.</summary>
    internal sealed class Row(long seq, LogLine line, string tag, int colour)
    {
        public long Seq { get; } = seq;
        public LogLine Line { get; } = line;
        public string Tag { get; } = tag;
        public int Colour { get; } = colour;
        public LogSeverity Severity { get; } = LogText.DetectSeverity(line.Message);
        public IReadOnlyList<AnsiSpan> Spans { get; } = AnsiText.Parse(line.Message);
        public bool IsJson { get; } = LogText.LooksLikeJson(line.Message);
        public string PlainText => AnsiText.Strip(Line.Message);
    }

    private const int RowHeight = 20;

    [Inject] private LogTailerHub Hub { get; set; } = null!;
    [Inject] private LogRangeReader RangeReader { get; set; } = null!;
    [Inject] private LogViewerSettingsStore SettingsStore { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private IOptions<LogsOptions> Options { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<LogViewer> Logger { get; set; } = null!;

    [Parameter, EditorRequired] public LogViewerSource Source { get; set; } = null!;

    /// <summary>A deep link's timestamp (epoch ms): the viewer pauses and scrolls to the first line at or after it.</summary>
    [Parameter] public long? At { get; set; }

    /// <summary>Where downloads go: "/c/{conn}/{region}".</summary>
    [Parameter] public string BasePath { get; set; } = "";

    private readonly Lock _pendingGate = new();
    private List<LogLine> _pending = [];
    private readonly List<Row> _rows = [];
    private List<Row> _visible = [];
    private readonly HashSet<long> _expanded = [];
    private readonly Dictionary<int, LogTailStatus> _statuses = [];
    private readonly Dictionary<string, int> _tagColours = new(StringComparer.Ordinal);
    private CancellationTokenSource? _feedsCts;
    private ITimer? _renderTimer;
    private IJSObjectReference? _module;
    private DotNetObjectReference<LogViewer>? _self;
    private ElementReference _scroller;
    private Virtualize<Row>? _virtualize;
    private string? _sourceIdentity;
    private long _seq;
    private long _received;
    private long _viewerDropped;
    private long _serverDropped;
    private bool _dirty;
    private bool _historyLoaded;
    private bool _following = true;
    private bool _scrollToEnd;
    private long? _focusSeq;
    private bool _focusPending;
    private string? _readerNote;
    private ConsoleUserSettings _user = new(null, LogViewerSettings.Default);
    private TimeZoneInfo _localZone = TimeZoneInfo.Utc;

    private string _range = LogTimeRanges.WholeLife;
    private DateTime? _customStart;
    private DateTime? _customEnd;
    private string _filterPattern = "";
    private string _appliedPattern = "";
    private string _highlight = "";
    private bool _onlyMatching;
    private bool _utc;
    private bool _wrap = true;

    private sealed record ConsoleUserSettings(string? UserId, LogViewerSettings Settings);

    internal IReadOnlyList<Row> VisibleRows => _visible;
    internal bool Following => _following;

    protected override async Task OnInitializedAsync()
    {
        var user = await CurrentUser.GetAsync();
        var settings = LogViewerSettings.Default;
        if (user is not null)
        {
            try
            {
                settings = await SettingsStore.GetAsync(user.Id, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning(ex, "Could not read the log viewer settings of {User}", user.Id);
            }
        }

        _user = new ConsoleUserSettings(user?.Id, settings);
        _utc = settings.Utc;
        _wrap = settings.Wrap;
        _onlyMatching = settings.OnlyMatching;
        // A custom range's dates are not remembered, so it reopens on the source's default range.
        _range = settings.Range == LogTimeRanges.Custom ? "" : settings.Range;
        _renderTimer = Clock.CreateTimer(_ => OnRenderTick(), null,
            TimeSpan.FromMilliseconds(Options.Value.RenderIntervalMilliseconds), TimeSpan.FromMilliseconds(Options.Value.RenderIntervalMilliseconds));
    }

    protected override void OnParametersSet()
    {
        if (!LogTimeRanges.Choices(Source.IsTask).Any(c => c.Key == _range))
        {
            _range = Source.IsTask ? LogTimeRanges.WholeLife : "1h";
        }

        if (Source.Identity == _sourceIdentity) return;
        _sourceIdentity = Source.Identity;
        Restart();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Shared/LogViewer.razor.js");
                _self = DotNetObjectReference.Create(this);
                if (_module is not null)
                {
                    await _module.InvokeVoidAsync("attach", _scroller, _self);
                    var zone = await _module.InvokeAsync<string?>("timeZone");
                    if (zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz))
                    {
                        _localZone = tz;
                        StateHasChanged();
                    }
                }
            }
            catch (JSDisconnectedException)
            {
                return;
            }
        }

        if (_module is null) return;
        try
        {
            if (_focusPending && _focusSeq is { } seq)
            {
                _focusPending = false;
                var index = _visible.FindIndex(r => r.Seq == seq);
                if (index >= 0) await _module.InvokeVoidAsync("scrollToRow", _scroller, index, RowHeight, seq);
            }
            else if (_scrollToEnd && _following)
            {
                _scrollToEnd = false;
                await _module.InvokeVoidAsync("scrollToEnd", _scroller);
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser has gone; the circuit is being torn down.
        }
    }

    /// <summary>The reader scrolled up: stop following so the lines they read stay put.</summary>
    [JSInvokable]
    public Task OnScrolledAway()
    {
        if (!_following) return Task.CompletedTask;
        _following = false;
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>The reader scrolled back to the end: follow again.</summary>
    [JSInvokable]
    public Task OnScrolledToEnd()
    {
        if (_following || !Source.Feeds.Any()) return Task.CompletedTask;
        _following = true;
        return InvokeAsync(StateHasChanged);
    }

    private void Resume()
    {
        _following = true;
        _focusSeq = null;
        _scrollToEnd = true;
    }

    private void Restart()
    {
        _feedsCts?.Cancel();
        _feedsCts?.Dispose();
        _feedsCts = new CancellationTokenSource();
        lock (_pendingGate)
        {
            _pending = [];
            _statuses.Clear();
        }

        _rows.Clear();
        _visible = [];
        _expanded.Clear();
        _received = _viewerDropped = _serverDropped = 0;
        _historyLoaded = false;
        _appliedPattern = _filterPattern.Trim();
        _focusSeq = null;
        _focusPending = false;
        _following = At is null;
        _dirty = true;

        var now = Clock.GetUtcNow();
        var range = CurrentRange(now);
        _readerNote = range.IsLive ? null : Source.Stopped && _range == LogTimeRanges.WholeLife
            ? "This task has stopped: showing its whole history."
            : $"Showing {FormatTime(range.Start ?? now)} to {FormatTime(range.End ?? now)}; nothing new is followed.";
        if (range.IsLive) _following = At is null;
        else _following = false;

        var ct = _feedsCts.Token;
        for (var i = 0; i < Source.Feeds.Count; i++)
        {
            var feed = Source.Feeds[i];
            var key = new LogTailKey(feed.Key.Connection, feed.Key.Region, feed.Key.Group, feed.Key.Streams, _appliedPattern);
            var index = i;
            _ = range.IsLive ? FollowAsync(index, key, range.Start, ct) : ReadRangeAsync(index, key, range, ct);
        }

        if (Source.Feeds.Count == 0) _historyLoaded = true;
    }

    internal LogTimeRange CurrentRange(DateTimeOffset now)
    {
        var range = LogTimeRanges.Resolve(_range, Source, now, ToOffset(_customStart), ToOffset(_customEnd));
        // A deep link older than the range would scroll to nothing: widen the start to include it.
        if (At is { } at && range.Start is { } start && DateTimeOffset.FromUnixTimeMilliseconds(at) < start)
        {
            range = range with { Start = DateTimeOffset.FromUnixTimeMilliseconds(at).AddMinutes(-1) };
        }

        return range;
    }

    private DateTimeOffset? ToOffset(DateTime? local)
        => local is null ? null : new DateTimeOffset(DateTime.SpecifyKind(local.Value, DateTimeKind.Unspecified),
            (_utc ? TimeZoneInfo.Utc : _localZone).GetUtcOffset(local.Value));

    private async Task FollowAsync(int index, LogTailKey key, DateTimeOffset? start, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in Hub.SubscribeAsync(key, start, ct).ConfigureAwait(false))
            {
                lock (_pendingGate)
                {
                    _pending.AddRange(batch);
                    _serverDropped += batch.Dropped;
                    _statuses[index] = batch.Status;
                    _dirty = true;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The viewer moved on (new range or filter) or closed.
        }
        catch (Exception ex)
        {
            Fail(index, ex);
        }
    }

    private async Task ReadRangeAsync(int index, LogTailKey key, LogTimeRange range, CancellationToken ct)
    {
        try
        {
            lock (_pendingGate) _statuses[index] = LogTailStatus.Starting;
            await foreach (var page in RangeReader.ReadAsync(key, range, ct).ConfigureAwait(false))
            {
                lock (_pendingGate)
                {
                    _pending.AddRange(page);
                    // The viewer keeps the newest lines of a range; do not hold more than it can show.
                    var excess = _pending.Count - Options.Value.ViewerBufferLines;
                    if (excess > 0)
                    {
                        _pending.RemoveRange(0, excess);
                        _viewerDropped += excess;
                    }

                    _dirty = true;
                }
            }

            lock (_pendingGate)
            {
                _statuses[index] = new LogTailStatus(LogTailState.Stopped, "The whole range has been read.");
                _dirty = true;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The viewer moved on or closed.
        }
        catch (Exception ex)
        {
            Fail(index, ex);
        }
    }

    private void Fail(int index, Exception ex)
    {
        var message = ex is AwsServiceException aws ? aws.UserMessage : "Reading the logs failed.";
        if (ex is not AwsServiceException) Logger.LogError(ex, "Log feed {Index} failed", index);
        lock (_pendingGate)
        {
            _statuses[index] = new LogTailStatus(LogTailState.Failed, message);
            _dirty = true;
        }
    }

    private void OnRenderTick()
    {
        if (!Volatile.Read(ref _dirty)) return;
        _ = InvokeAsync(() =>
        {
            Flush();
            StateHasChanged();
        });
    }

    /// <summary>Moves pending lines into the bounded buffer (on the renderer's thread).</summary>
    internal void Flush()
    {
        List<LogLine> incoming;
        lock (_pendingGate)
        {
            incoming = _pending;
            _pending = [];
            _dirty = false;
            if (!_historyLoaded && _statuses.Count >= Source.Feeds.Count && _statuses.Values.All(s => s.State != LogTailState.Starting))
            {
                _historyLoaded = true;
                _focusPending = At is not null;
            }
        }

        if (incoming.Count > 0)
        {
            // Several feeds deliver independently; one chunk is put in time order before it is appended.
            if (Source.Feeds.Count > 1) incoming = [.. incoming.OrderBy(l => l.Timestamp)];
            var matcher = _onlyMatching && _highlight.Length > 0;
            foreach (var line in incoming)
            {
                var row = NewRow(line);
                _rows.Add(row);
                if (!matcher || Matches(row)) _visible.Add(row);
            }

            _received += incoming.Count;
            var excess = _rows.Count - Options.Value.ViewerBufferLines;
            if (excess > 0)
            {
                var firstKept = _rows[excess].Seq;
                _rows.RemoveRange(0, excess);
                _viewerDropped += excess;
                var gone = _visible.FindIndex(r => r.Seq >= firstKept);
                if (gone > 0) _visible.RemoveRange(0, gone);
                else if (gone < 0) _visible.Clear();
            }

            _scrollToEnd = _following;
        }

        if (_focusPending && At is { } at)
        {
            var target = _visible.FirstOrDefault(r => r.Line.Timestamp.ToUnixTimeMilliseconds() >= at) ?? _visible.LastOrDefault();
            _focusSeq = target?.Seq;
            _following = false;
            if (_focusSeq is null) _focusPending = false;
        }
    }

    private Row NewRow(LogLine line)
    {
        var feedTag = Source.Feeds.Select(f => f.Tags.GetValueOrDefault(line.Stream)).FirstOrDefault(t => t is not null);
        var tag = feedTag ?? (Source.Merged ? LogStreamNames.TagFor(line.Stream, withTask: true) : line.Source);
        if (!_tagColours.TryGetValue(tag, out var colour))
        {
            colour = _tagColours.Count % 8;
            _tagColours[tag] = colour;
        }

        return new Row(++_seq, line, tag, colour);
    }

    private bool Matches(Row row) => _highlight.Length == 0 || row.PlainText.Contains(_highlight, StringComparison.OrdinalIgnoreCase);

    private void RebuildVisible()
    {
        _visible = _onlyMatching && _highlight.Length > 0 ? [.. _rows.Where(Matches)] : [.. _rows];
        _scrollToEnd = _following;
    }

    private void OnHighlightChanged(string value)
    {
        _highlight = value.Trim();
        RebuildVisible();
    }

    private async Task OnOnlyMatchingChanged(bool value)
    {
        _onlyMatching = value;
        RebuildVisible();
        await SaveSettingsAsync();
    }

    private void ApplyFilterPattern()
    {
        if (_filterPattern.Trim() == _appliedPattern) return;
        Restart();
    }

    private void ClearFilterPattern()
    {
        _filterPattern = "";
        ApplyFilterPattern();
    }

    private async Task OnRangeChanged(string value)
    {
        _range = value;
        if (value == LogTimeRanges.Custom)
        {
            var now = Clock.GetUtcNow();
            var zone = _utc ? TimeZoneInfo.Utc : _localZone;
            _customEnd ??= TimeZoneInfo.ConvertTime(now, zone).DateTime;
            _customStart ??= _customEnd.Value.AddHours(-1);
        }

        Restart();
        await SaveSettingsAsync();
    }

    private void ApplyCustomRange() => Restart();

    private async Task OnUtcChanged(bool value)
    {
        _utc = value;
        await SaveSettingsAsync();
    }

    private async Task OnWrapChanged(bool value)
    {
        _wrap = value;
        await SaveSettingsAsync();
    }

    private async Task SaveSettingsAsync()
    {
        var settings = new LogViewerSettings(_utc, _wrap, _onlyMatching, _range);
        if (_user.UserId is null || settings == _user.Settings) return;
        _user = _user with { Settings = settings };
        try
        {
            await SettingsStore.SaveAsync(_user.UserId, settings, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not save the log viewer settings of {User}", _user.UserId);
        }
    }

    private void ToggleJson(Row row)
    {
        if (!_expanded.Remove(row.Seq)) _expanded.Add(row.Seq);
    }

    private async Task CopyLineAsync(Row row) => Copied(await JS.InvokeAsync<bool>("ecsConsole.copyText", row.PlainText), "Line copied.");

    private async Task CopyLinkAsync(Row row)
    {
        var link = LinkTo(row);
        _focusSeq = row.Seq;
        Copied(await JS.InvokeAsync<bool>("ecsConsole.copyText", link), "Link to this line copied.");
    }

    private void Copied(bool ok, string message) => CopyButton.Report(Snackbar, ok, message);

    internal string LinkTo(Row row)
        => Navigation.GetUriWithQueryParameter("at", row.Line.Timestamp.ToUnixTimeMilliseconds());

    private string DownloadUrl(string format)
    {
        var range = CurrentRange(Clock.GetUtcNow());
        var query = new List<string>();
        foreach (var feed in Source.Feeds.Take(1))
        {
            query.Add($"region={Uri.EscapeDataString(feed.Key.Region)}");
            query.Add($"group={Uri.EscapeDataString(feed.Key.Group)}");
            query.AddRange(feed.Key.Streams.Select(s => $"stream={Uri.EscapeDataString(s)}"));
        }

        if (_appliedPattern.Length > 0) query.Add($"filter={Uri.EscapeDataString(_appliedPattern)}");
        if (range.Start is { } s) query.Add($"start={s.ToUnixTimeMilliseconds()}");
        query.Add($"end={(range.End ?? Clock.GetUtcNow()).ToUnixTimeMilliseconds()}");
        query.Add($"format={format}");
        return $"{BasePath}/logs/download?{string.Join("&", query)}";
    }

    internal string FormatTime(DateTimeOffset t)
        => _utc
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : TimeZoneInfo.ConvertTime(t, _localZone).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private string StatusText()
    {
        lock (_pendingGate)
        {
            var worst = _statuses.Values.OrderByDescending(s => s.State switch
            {
                LogTailState.Failed => 5,
                LogTailState.Throttled => 4,
                LogTailState.Waiting => 3,
                LogTailState.Starting => 2,
                _ => 1,
            }).FirstOrDefault();
            return worst?.Message ?? "";
        }
    }

    private LogTailState StatusState()
    {
        lock (_pendingGate)
        {
            if (_statuses.Values.Any(s => s.State == LogTailState.Failed)) return LogTailState.Failed;
            if (_statuses.Values.Any(s => s.State == LogTailState.Throttled)) return LogTailState.Throttled;
            if (_statuses.Values.Any(s => s.State == LogTailState.Waiting)) return LogTailState.Waiting;
            return _statuses.Values.FirstOrDefault()?.State ?? LogTailState.Starting;
        }
    }

    private static string StyleOf(AnsiStyle style)
    {
        if (style.IsPlain) return "";
        var css = new List<string>();
        if (style.Foreground is { } fg && fg.StartsWith('#')) css.Add($"color:{fg}");
        if (style.Background is { } bg && bg.StartsWith('#')) css.Add($"background-color:{bg}");
        return string.Join(";", css);
    }

    private static string ClassOf(AnsiStyle style)
    {
        if (style.IsPlain) return "";
        var css = new List<string>(4);
        if (style.Foreground is { } fg && !fg.StartsWith('#')) css.Add($"ansi-fg-{fg}");
        if (style.Background is { } bg && !bg.StartsWith('#')) css.Add($"ansi-bg-{bg}");
        if (style.Bold) css.Add("ansi-bold");
        if (style.Dim) css.Add("ansi-dim");
        if (style.Italic) css.Add("ansi-italic");
        if (style.Underline) css.Add("ansi-underline");
        return string.Join(' ', css);
    }

    private static string SeverityClass(LogSeverity severity) => severity switch
    {
        LogSeverity.Error => "lvl-error",
        LogSeverity.Warning => "lvl-warn",
        LogSeverity.Info => "lvl-info",
        LogSeverity.Debug => "lvl-debug",
        _ => "lvl-none",
    };

    public async ValueTask DisposeAsync()
    {
        _renderTimer?.Dispose();
        if (_feedsCts is not null)
        {
            await _feedsCts.CancelAsync();
            _feedsCts.Dispose();
        }

        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach", _scroller);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone already.
            }
        }

        _self?.Dispose();
    }
}
