using EcsConsole.Core.Live;
using Microsoft.AspNetCore.Components;

namespace EcsConsole.Web.Services.Live;

/// <summary>
/// A page fed by a shared watcher: takes the snapshot, applies every change batch, and re-renders
/// at most once per <see cref="RenderInterval"/> however fast batches arrive (a busy cluster must
/// not make every open browser re-render on each batch).
/// </summary>
public abstract class LiveComponentBase<TSnapshot, TChange> : ComponentBase, IAsyncDisposable
{
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stop = new();
    private LiveSubscription<TSnapshot, TChange>? _subscription;
    private (string?, string?, string?) _watching;
    private long _lastRender;
    private int _renderPending;

    [Inject] protected TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Set when subscribing failed outright (an unknown connection, say).</summary>
    protected string? SubscribeError { get; private set; }

    /// <summary>What to watch, as (connection, region, cluster); a change of it resubscribes.</summary>
    protected abstract (string? Connection, string? Region, string? Cluster) Target { get; }

    protected abstract LiveSubscription<TSnapshot, TChange> Subscribe();

    protected abstract void ApplySnapshot(TSnapshot snapshot);

    protected abstract void Apply(TChange change);

    protected override async Task OnParametersSetAsync()
    {
        if (Target == _watching && _subscription is not null) return;
        _watching = Target;
        if (_subscription is not null) await _subscription.DisposeAsync();
        _subscription = null;
        SubscribeError = null;
        try
        {
            _subscription = Subscribe();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            SubscribeError = ex.Message;
            return;
        }

        ApplySnapshot(_subscription.Snapshot);
        _ = PumpAsync(_subscription, _stop.Token);
    }

    private async Task PumpAsync(LiveSubscription<TSnapshot, TChange> subscription, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in subscription.Changes.WithCancellation(ct))
            {
                if (!ReferenceEquals(subscription, _subscription)) return;
                await InvokeAsync(() =>
                {
                    foreach (var change in batch) Apply(change);
                });
                ScheduleRender();
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away.
        }
    }

    private void ScheduleRender()
    {
        if (Interlocked.Exchange(ref _renderPending, 1) == 1) return;
        var wait = RenderInterval - Time.GetElapsedTime(Interlocked.Read(ref _lastRender));
        _ = RenderAfterAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private async Task RenderAfterAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, Time, _stop.Token);
            Interlocked.Exchange(ref _renderPending, 0);
            Interlocked.Exchange(ref _lastRender, Time.GetTimestamp());
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away.
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_subscription is not null) await _subscription.DisposeAsync();
        _subscription = null;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
