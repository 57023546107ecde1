using EcsConsole.Core.Access;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecr.Model;
using EcsConsole.Core.Commands;

namespace EcsConsole.Core.Registry;

/// <summary>What the create dialog asks for.</summary>
public sealed record CreateRepositoryInput(string Name, TagMutability TagMutability = TagMutability.Mutable, bool ScanOnPush = false);

/// <summary>ECR repositories and images of a (connection, region): reads, and the create/delete commands.</summary>
public sealed class RegistryService(AwsClientFactory clients, CommandRunner runner)
{
    public async Task<IReadOnlyList<EcrRepository>> ListRepositoriesAsync(string connection, string region, CancellationToken ct)
    {
        var repositories = new List<EcrRepository>();
        await foreach (var wire in clients.For(connection, region).Ecr.DescribeAllRepositoriesAsync(ct).ConfigureAwait(false))
        {
            repositories.Add(RegistryMapper.ToRepository(wire, region));
        }

        return [.. repositories.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>One repository, or an <see cref="AwsServiceException"/> (NotFound) when it does not exist.</summary>
    public async Task<EcrRepository> GetRepositoryAsync(string connection, string region, string name, CancellationToken ct)
    {
        var response = await clients.For(connection, region).Ecr
            .DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [name] }, ct).ConfigureAwait(false);
        var wire = response.Repositories?.FirstOrDefault()
            ?? throw new AwsServiceException("ECR", "DescribeRepositories", "RepositoryNotFoundException",
                $"The repository '{name}' does not exist in this registry.", AwsErrorKind.NotFound);
        return RegistryMapper.ToRepository(wire, region);
    }

    /// <summary>Every image of a repository (all pages), newest push first.</summary>
    public async Task<IReadOnlyList<EcrImage>> ListImagesAsync(string connection, string region, string repositoryName, CancellationToken ct)
    {
        var images = new List<EcrImage>();
        await foreach (var wire in clients.For(connection, region).Ecr.DescribeAllImagesAsync(repositoryName, ct).ConfigureAwait(false))
        {
            images.Add(RegistryMapper.ToImage(wire));
        }

        return [.. images.OrderByDescending(i => i.PushedAt)];
    }

    /// <summary>
    /// Image count and last push. ECR's repository shape carries neither, so this reads the images
    /// (one call per 1,000 images); the list page asks for it per row after the names are shown.
    /// </summary>
    public async Task<RepositoryImageStats> GetImageStatsAsync(string connection, string region, string repositoryName, CancellationToken ct)
    {
        var images = await ListImagesAsync(connection, region, repositoryName, ct).ConfigureAwait(false);
        return new RepositoryImageStats(images.Count, images.Max(i => i.PushedAt));
    }

    public static PushCommands PushCommandsFor(EcrRepository repository, string region)
        => PushCommands.For(repository.Uri, region, repository.Name[(repository.Name.LastIndexOf('/') + 1)..]);

    /// <summary>
    /// Creates a repository. The name is checked against ECR's rules before any AWS call; AWS's
    /// own refusals (the name is taken, a parameter is invalid) come back as sentences.
    /// </summary>
    public async Task<CommandResult<EcrRepository>> CreateRepositoryAsync(
        ConsoleUser actor, string connection, string region, CreateRepositoryInput input, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ManageRepositories, "CreateRepository",
            new AwsTarget(connection, region), input.Name,
            new Dictionary<string, string>
            {
                ["tagMutability"] = RegistryMapper.ToWire(input.TagMutability),
                ["scanOnPush"] = input.ScanOnPush ? "true" : "false",
            });
        return await RunAsync(request, async c =>
        {
            if (EcrRepositoryName.Validate(input.Name) is { } problem) throw new CommandRejectedException(problem);
            var response = await clients.For(connection, region).Ecr.CreateRepositoryAsync(new CreateRepositoryRequest
            {
                RepositoryName = input.Name,
                ImageTagMutability = RegistryMapper.ToWire(input.TagMutability),
                ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = input.ScanOnPush },
            }, c).ConfigureAwait(false);
            return RegistryMapper.ToRepository(response.Repository ?? new Repository { RepositoryName = input.Name }, region);
        },
        repo => $"Created repository {repo.Name}. Push an image with the commands on its page.",
        code => code == "RepositoryAlreadyExistsException"
            ? $"A repository named '{input.Name}' already exists in this registry; choose another name."
            : null,
        ct).ConfigureAwait(false);
    }

    /// <summary>Deletes an empty repository (never with force: images are not thrown away from here).</summary>
    public async Task<CommandResult<EcrRepository>> DeleteRepositoryAsync(
        ConsoleUser actor, string connection, string region, string name, CancellationToken ct)
    {
        var request = new CommandRequest(actor, ConsolePermission.ManageRepositories, "DeleteRepository",
            new AwsTarget(connection, region), name);
        return await RunAsync(request, async c =>
        {
            var response = await clients.For(connection, region).Ecr.DeleteRepositoryAsync(
                new DeleteRepositoryRequest { RepositoryName = name, Force = false }, c).ConfigureAwait(false);
            return RegistryMapper.ToRepository(response.Repository ?? new Repository { RepositoryName = name }, region);
        },
        repo => $"Deleted repository {repo.Name}.",
        code => code == "RepositoryNotEmptyException"
            ? $"Repository '{name}' still holds images; delete them first (the console only deletes empty repositories)."
            : null,
        ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a command through the runner; where ECR's error code has a more useful sentence for this
    /// command than the generic one (a taken name, a repository with images), that sentence is shown.
    /// </summary>
    private async Task<CommandResult<EcrRepository>> RunAsync(
        CommandRequest request,
        Func<CancellationToken, Task<EcrRepository>> action,
        Func<EcrRepository, string> successMessage,
        Func<string, string?> sentenceFor,
        CancellationToken ct)
    {
        string? awsCode = null;
        var result = await runner.RunAsync(request, async c =>
        {
            try
            {
                return await action(c).ConfigureAwait(false);
            }
            catch (AwsServiceException ex)
            {
                awsCode = ex.ErrorCode;
                throw;
            }
        }, successMessage, ct).ConfigureAwait(false);
        return awsCode is not null && sentenceFor(awsCode) is { } sentence ? result with { Message = sentence } : result;
    }
}
