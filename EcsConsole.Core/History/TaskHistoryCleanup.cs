using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.History;

/// <summary>Deletes history rows older than History:Retention, at start and then every CleanupInterval.</summary>
public sealed class TaskHistoryCleanup(TaskHistory history, IOptions<HistoryOptions> options, TimeProvider time, ILogger<TaskHistoryCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await history.CleanupAsync(stoppingToken).ConfigureAwait(false);
                if (deleted > 0) logger.LogInformation("Deleted {Count} task history rows older than {Retention}", deleted, options.Value.Retention);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Task history cleanup failed; trying again later");
            }

            try
            {
                await Task.Delay(options.Value.CleanupInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
