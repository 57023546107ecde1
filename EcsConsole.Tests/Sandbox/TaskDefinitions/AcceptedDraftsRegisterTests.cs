using EcsConsole.Core.Aws;
using EcsConsole.Core.TaskDefinitions;
using EcsConsole.Tests.Core.TaskDefinitions;

namespace EcsConsole.Tests.Sandbox.TaskDefinitions;

/// <summary>The wizard's promise: whatever the validator accepts, ECS (here the sandbox, with ECS's checks) accepts too.</summary>
public sealed class AcceptedDraftsRegisterTests
{
    [Fact]
    public async Task EveryDraftTheValidatorAcceptsIsRegisteredByTheSandbox()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var random = new Random(20260502);
        var registered = 0;
        var rejections = new List<string>();
        for (var i = 0; i < 10000; i++)
        {
            var draft = RandomDrafts.Next(random);
            if (!TaskDefinitionValidator.Validate(draft).IsValid) continue;
            var request = TaskDefinitionMapper.ToRegisterRequest(TaskDefinitionDraftConverter.ToSpec(draft, "us-east-1"));
            try
            {
                var response = await sandbox.Ecs.RegisterTaskDefinitionAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(request.Family, response.TaskDefinition!.Family);
                registered++;
            }
            catch (AwsServiceException ex)
            {
                rejections.Add($"{ex.AwsMessage} <- {TaskDefinitionJson.Canonical(request)}");
            }
        }

        Assert.Empty(rejections.Take(3));
        Assert.InRange(registered, 100, 10000);
    }
}
