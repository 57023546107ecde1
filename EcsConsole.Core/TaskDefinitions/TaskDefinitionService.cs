using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Aws.Logs.Model;
using EcsConsole.Core.Commands;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>The result of registering: the new revision, and a note when the log group could not be made.</summary>
public sealed record RegisteredTaskDefinition(TaskDefinitionRevision Revision, bool LogGroupCreated);

/// <summary>Task definitions of one (connection, region): browse, register, deregister, delete, clean up.</summary>
public sealed class TaskDefinitionService(AwsClientFactory clients, CommandRunner runner)
{
    public async Task<IReadOnlyList<string>> ListFamiliesAsync(AwsTarget target, TaskDefinitionStatus status, CancellationToken ct)
    {
        var ecs = clients.For(target.Connection, target.Region).Ecs;
        var families = new List<string>();
        await foreach (var family in ecs.ListAllTaskDefinitionFamiliesAsync(TaskDefinitionMapper.ToWire(status), ct).ConfigureAwait(false))
        {
            families.Add(family);
        }

        families.Sort(StringComparer.OrdinalIgnoreCase);
        return families;
    }

    /// <summary>Every revision of a family, newest first, ACTIVE and INACTIVE.</summary>
    public async Task<IReadOnlyList<TaskDefinitionRevisionRef>> ListRevisionsAsync(AwsTarget target, string family, CancellationToken ct)
    {
        var ecs = clients.For(target.Connection, target.Region).Ecs;
        var revisions = new List<TaskDefinitionRevisionRef>();
        foreach (var status in new[] { TaskDefinitionStatus.Active, TaskDefinitionStatus.Inactive })
        {
            var request = new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = TaskDefinitionMapper.ToWire(status), Sort = "DESC" };
            await foreach (var arn in ecs.ListAllTaskDefinitionsAsync(request, ct).ConfigureAwait(false))
            {
                // familyPrefix is documented as the full family, but be strict: "web" must not list "web-api".
                if (TaskDefinitionRevisionRef.FromArn(arn, status) is { } r && r.Family == family) revisions.Add(r);
            }
        }

        return [.. revisions.OrderByDescending(r => r.Revision)];
    }

    /// <summary>One revision ("family:3", "family" for the latest ACTIVE, or an ARN) with its tags.</summary>
    public async Task<TaskDefinitionRevision> DescribeAsync(AwsTarget target, string taskDefinition, CancellationToken ct)
    {
        var ecs = clients.For(target.Connection, target.Region).Ecs;
        var response = await ecs.DescribeTaskDefinitionAsync(
            new DescribeTaskDefinitionRequest { TaskDefinition = taskDefinition, Include = ["TAGS"] }, ct).ConfigureAwait(false);
        return response.TaskDefinition is { } td
            ? TaskDefinitionMapper.ToRevision(td, response.Tags)
            : throw new AwsServiceException("ecs", "DescribeTaskDefinition", "ClientException", $"No task definition {taskDefinition}.", AwsErrorKind.NotFound);
    }

    /// <summary>
    /// Registers the draft as a new revision. The draft is validated again here (nothing invalid
    /// reaches AWS); the awslogs group is created first when asked.
    /// </summary>
    public Task<CommandResult<RegisteredTaskDefinition>> RegisterAsync(ConsoleUser actor, AwsTarget target, TaskDefinitionDraft draft, CancellationToken ct)
    {
        var family = draft.Family?.Trim() ?? "";
        var request = new CommandRequest(actor, ConsolePermission.RegisterTaskDefinitions, "RegisterTaskDefinition", target,
            family.Length == 0 ? "(no family)" : family, draft.BasedOn is { } basedOn ? new Dictionary<string, string> { ["basedOn"] = basedOn } : null);
        return runner.RunAsync(request, async token =>
        {
            var validation = TaskDefinitionValidator.Validate(draft);
            if (!validation.IsValid)
            {
                var first = validation.Messages[0];
                throw new CommandRejectedException($"The task definition is not valid: {first.Path}: {first.Message}");
            }

            var aws = clients.For(target.Connection, target.Region);
            var spec = TaskDefinitionDraftConverter.ToSpec(draft, target.Region);
            var created = false;
            if (draft.Logging.Mode == LoggingMode.AwsLogs && draft.Logging.CreateGroup)
            {
                created = await CreateLogGroupAsync(aws.Logs, draft.Logging.EffectiveGroup(spec.Family), token).ConfigureAwait(false);
            }

            var response = await aws.Ecs.RegisterTaskDefinitionAsync(TaskDefinitionMapper.ToRegisterRequest(spec), token).ConfigureAwait(false);
            var registered = response.TaskDefinition
                ?? throw new AwsServiceException("ecs", "RegisterTaskDefinition", "ServerException", "The response held no task definition.", AwsErrorKind.Unavailable);
            return new RegisteredTaskDefinition(TaskDefinitionMapper.ToRevision(registered, response.Tags), created);
        }, r => $"Registered {r.Revision.FamilyRevision}{(r.LogGroupCreated ? $" and created the log group {draft.Logging.EffectiveGroup(family)}" : "")}.", ct);
    }

    private static async Task<bool> CreateLogGroupAsync(Aws.Logs.LogsClient logs, string group, CancellationToken ct)
    {
        try
        {
            await logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = group }, ct).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ResourceAlreadyExistsException")
        {
            return false;
        }
    }

    /// <summary>Deregisters revisions ("family:3" or ARNs): they stay readable but cannot start new tasks or services.</summary>
    public Task<CommandResult<int>> DeregisterAsync(ConsoleUser actor, AwsTarget target, IReadOnlyList<string> revisions, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.DeregisterTaskDefinitions, "DeregisterTaskDefinition", target, Describe(revisions));
        return runner.RunAsync(request, async token =>
        {
            if (revisions.Count == 0) throw new CommandRejectedException("Choose at least one revision to deregister.");
            var ecs = clients.For(target.Connection, target.Region).Ecs;
            foreach (var revision in revisions)
            {
                await ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = revision }, token).ConfigureAwait(false);
            }

            return revisions.Count;
        }, n => n == 1 ? $"Deregistered {revisions[0]}." : $"Deregistered {n} revisions.", ct);
    }

    /// <summary>
    /// Deletes revisions for good. AWS deletes only INACTIVE revisions, so ACTIVE ones are deregistered
    /// first; DeleteTaskDefinitions takes at most 10 per call.
    /// </summary>
    public Task<CommandResult<int>> DeleteAsync(ConsoleUser actor, AwsTarget target, IReadOnlyList<TaskDefinitionRevisionRef> revisions, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.DeregisterTaskDefinitions, "DeleteTaskDefinitions", target,
            Describe([.. revisions.Select(r => r.FamilyRevision)]));
        return runner.RunAsync(request, async token =>
        {
            if (revisions.Count == 0) throw new CommandRejectedException("Choose at least one revision to delete.");
            var ecs = clients.For(target.Connection, target.Region).Ecs;
            foreach (var active in revisions.Where(r => r.Status == TaskDefinitionStatus.Active))
            {
                await ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = active.Arn }, token).ConfigureAwait(false);
            }

            var failures = new List<string>();
            var deleted = 0;
            foreach (var chunk in revisions.Chunk(EcsClient.DeleteTaskDefinitionsBatch))
            {
                var response = await ecs.DeleteTaskDefinitionsAsync(
                    new DeleteTaskDefinitionsRequest { TaskDefinitions = [.. chunk.Select(r => r.Arn)] }, token).ConfigureAwait(false);
                deleted += response.TaskDefinitions?.Count ?? 0;
                failures.AddRange((response.Failures ?? []).Select(f => $"{ShortName(f.Arn)}: {f.Reason}{(string.IsNullOrEmpty(f.Detail) ? "" : $" ({f.Detail})")}"));
            }

            if (failures.Count > 0)
            {
                throw new AwsServiceException("ecs", "DeleteTaskDefinitions", "Failures",
                    $"{deleted} deleted, {failures.Count} not: {string.Join("; ", failures)}", AwsErrorKind.InvalidInput);
            }

            return deleted;
        }, n => n == 1 ? $"Deleted {revisions[0].FamilyRevision}." : $"Deleted {n} revisions.", ct);
    }

    /// <summary>Deregisters every ACTIVE revision of a family except the newest <paramref name="keep"/>.</summary>
    public async Task<CommandResult<int>> KeepLastAsync(ConsoleUser actor, AwsTarget target, string family, int keep, CancellationToken ct)
    {
        if (keep < 1)
        {
            var refusal = new CommandRequest(actor, ConsolePermission.DeregisterTaskDefinitions, "KeepLastRevisions", target, family,
                new Dictionary<string, string> { ["keep"] = keep.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return await runner.RunAsync<int>(refusal, _ => throw new CommandRejectedException("Keep at least one revision."), _ => "", ct).ConfigureAwait(false);
        }

        var revisions = await ListRevisionsAsync(target, family, ct).ConfigureAwait(false);
        var older = revisions.Where(r => r.Status == TaskDefinitionStatus.Active).OrderByDescending(r => r.Revision).Skip(keep).ToList();
        if (older.Count == 0)
        {
            return new CommandResult<int>(true, $"{family} has at most {keep} active revisions; nothing to deregister.", 0, null, Audit.AuditOutcome.Succeeded, null);
        }

        return await DeregisterAsync(actor, target, [.. older.Select(r => r.FamilyRevision)], ct).ConfigureAwait(false);
    }

    private static string Describe(IReadOnlyList<string> revisions)
        => revisions.Count <= 3 ? string.Join(", ", revisions) : $"{string.Join(", ", revisions.Take(3))} and {revisions.Count - 3} more";

    private static string ShortName(string? arn)
        => arn is null ? "?" : TaskDefinitionRevisionRef.FromArn(arn, TaskDefinitionStatus.Unknown)?.FamilyRevision ?? arn;
}
