using EcsConsole.Core.Tasks;
using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Networking;

namespace EcsConsole.Core.Running;

/// <summary>Runs tasks (role check, audit, RunTask) and remembers the network placement that was used.</summary>
public sealed class TaskRunner(AwsClientFactory clients, CommandRunner commands, RunPresetStore presets)
{
    public const string Action = "RunTask";

    /// <summary>
    /// Starts the submission's tasks. An invalid plan is rejected (and audited) before any AWS call;
    /// sending the same submission again reuses its clientToken, so AWS starts the tasks only once.
    /// </summary>
    public async Task<CommandResult<RunTaskOutcome>> RunAsync(
        ConsoleUser actor, AwsTarget target, RunTaskSubmission submission, NetworkChoices? network, CancellationToken ct)
    {
        var plan = submission.Plan;
        var request = new CommandRequest(actor, ConsolePermission.RunTasks, Action, target,
            $"{RunPresetStore.ClusterKey(plan.Cluster)}/{plan.TaskDefinition}",
            new Dictionary<string, string>
            {
                ["count"] = plan.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["capacity"] = plan.Capacity.ToString(),
                ["subnets"] = string.Join(',', plan.Network.Subnets),
                ["securityGroups"] = string.Join(',', plan.Network.SecurityGroups),
                ["assignPublicIp"] = plan.Network.AssignPublicIp ? "ENABLED" : "DISABLED",
                ["clientToken"] = submission.ClientToken,
            });
        return await commands.RunAsync(request, async c =>
        {
            var problems = RunTaskValidator.Validate(plan, network);
            if (problems.Count > 0) throw new CommandRejectedException(string.Join(" ", problems.Select(p => p.Message).Distinct()));
            var response = await clients.For(target.Connection, target.Region).Ecs
                .RunTaskAsync(RunTaskRequestBuilder.Build(submission, actor.StartedBy), c).ConfigureAwait(false);
            var outcome = RunFailureMapper.ToOutcome(response, plan.Count);
            if (outcome.Started.Count == 0)
            {
                // Nothing started: a failure for the audit trail and the snackbar, in AWS's per-item words.
                throw new AwsServiceException("ECS", "RunTask", outcome.Failures.FirstOrDefault()?.Reason ?? "NoTasks",
                    outcome.Failures.Count == 0 ? "No task was started." : string.Join(" ", outcome.Failures.Select(f => f.Sentence).Distinct()),
                    AwsErrorKind.InvalidInput);
            }

            await presets.SaveAsync(target.Connection, target.Region, plan.Cluster, plan.Family, plan.Network, plan.Capacity,
                plan.PlatformVersion, actor.Name, CancellationToken.None).ConfigureAwait(false);
            return outcome;
        }, o => o.Summary(plan.TaskDefinition, RunPresetStore.ClusterKey(plan.Cluster)), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The plan to run a task again. AWS keeps stopped tasks for about an hour; an older task is
    /// not found, and the caller should start from its task definition and the preset instead.
    /// </summary>
    public async Task<RunTaskPlan?> PlanRunAgainAsync(AwsTarget target, string cluster, string taskArnOrId, CancellationToken ct)
    {
        var aws = clients.For(target.Connection, target.Region);
        var response = await aws.Ecs.DescribeTasksAsync(new DescribeTasksRequest
        {
            Cluster = cluster,
            Tasks = [taskArnOrId],
            Include = ["TAGS"],
        }, ct).ConfigureAwait(false);
        var task = response.Tasks?.FirstOrDefault();
        if (task is null) return null;
        var eniId = (task.Attachments ?? []).FirstOrDefault(a => a.Type == "ElasticNetworkInterface")?.Details?
            .FirstOrDefault(d => d.Name == "networkInterfaceId")?.Value;
        TaskNetworkFacts? facts = null;
        if (eniId is not null)
        {
            var enis = await aws.Ec2.DescribeNetworkInterfacesAsync([eniId], ct).ConfigureAwait(false);
            if (enis.FirstOrDefault() is { } eni)
            {
                facts = new TaskNetworkFacts(eni.VpcId, [.. (eni.Groups ?? []).Select(g => g.GroupId).OfType<string>()],
                    eni.Association?.PublicIp is { Length: > 0 });
            }
        }

        var family = TaskDefinitionRef.Parse(task.TaskDefinitionArn ?? "").Family;
        var preset = await presets.FindAsync(target.Connection, target.Region, cluster, family, ct).ConfigureAwait(false);
        return RunAgainPlanner.FromTask(task, facts, preset);
    }
}
