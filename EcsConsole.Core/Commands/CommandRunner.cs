using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Aws;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Core.Commands;

/// <summary>Where a command acts: a connection and region.</summary>
public sealed record AwsTarget(string Connection, string Region);

/// <summary>A command as the audit trail records it.</summary>
public sealed record CommandRequest(
    ConsoleUser Actor,
    ConsolePermission Permission,
    string Action,
    AwsTarget Target,
    string Resource,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? Reason = null);

/// <summary>How a command ended, in words for a snackbar.</summary>
public sealed record CommandResult<T>(bool Succeeded, string Message, T? Value, AwsErrorKind? ErrorKind, AuditOutcome Outcome, long? AuditId)
{
    public bool Refused => Outcome == AuditOutcome.Refused;
}

/// <summary>Thrown by a command's own checks before any AWS call: the message is shown as it is.</summary>
public sealed class CommandRejectedException(string message) : Exception(message);

/// <summary>
/// The one path every mutating action takes: check the role, write the audit entry, call AWS,
/// complete the entry, and return a result the UI can show. Nothing reaches AWS unless the role
/// allows it, and nothing reaches AWS without an audit entry written first.
/// </summary>
public sealed class CommandRunner(AuditLog audit, ILogger<CommandRunner> logger)
{
    public async Task<CommandResult<T>> RunAsync<T>(
        CommandRequest request,
        Func<CancellationToken, Task<T>> action,
        Func<T, string> successMessage,
        CancellationToken ct)
    {
        var target = request.Target;
        if (!AccessPolicy.Allows(request.Actor.Role, request.Permission))
        {
            var refusal = AccessPolicy.Refusal(request.Actor.Role, request.Permission);
            var refusedId = await audit.BeginAsync(request.Actor, request.Action, target.Connection, target.Region,
                request.Resource, request.Parameters, request.Reason, ct).ConfigureAwait(false);
            await audit.CompleteAsync(refusedId, AuditOutcome.Refused, refusal, ct).ConfigureAwait(false);
            return new CommandResult<T>(false, refusal, default, AwsErrorKind.AccessDenied, AuditOutcome.Refused, refusedId);
        }

        var id = await audit.BeginAsync(request.Actor, request.Action, target.Connection, target.Region,
            request.Resource, request.Parameters, request.Reason, ct).ConfigureAwait(false);
        try
        {
            var value = await action(ct).ConfigureAwait(false);
            await audit.CompleteAsync(id, AuditOutcome.Succeeded, null, CancellationToken.None).ConfigureAwait(false);
            return new CommandResult<T>(true, successMessage(value), value, null, AuditOutcome.Succeeded, id);
        }
        catch (CommandRejectedException ex)
        {
            await audit.CompleteAsync(id, AuditOutcome.Rejected, ex.Message, CancellationToken.None).ConfigureAwait(false);
            return new CommandResult<T>(false, ex.Message, default, AwsErrorKind.InvalidInput, AuditOutcome.Rejected, id);
        }
        catch (AwsServiceException ex)
        {
            logger.LogWarning(ex, "{Action} on {Resource} by {User} failed", request.Action, request.Resource, request.Actor.Name);
            await audit.CompleteAsync(id, AuditOutcome.Failed, ex.UserMessage, CancellationToken.None).ConfigureAwait(false);
            return new CommandResult<T>(false, ex.UserMessage, default, ex.Kind, AuditOutcome.Failed, id);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await audit.CompleteAsync(id, AuditOutcome.Failed, "Cancelled before AWS answered.", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Action} on {Resource} by {User} failed unexpectedly", request.Action, request.Resource, request.Actor.Name);
            await audit.CompleteAsync(id, AuditOutcome.Failed, ex.Message, CancellationToken.None).ConfigureAwait(false);
            return new CommandResult<T>(false, $"{request.Action} failed: {ex.Message}", default, AwsErrorKind.Unknown, AuditOutcome.Failed, id);
        }
    }
}
