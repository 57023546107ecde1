using System.Net;
using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Registry;

namespace EcsConsole.Tests.Core.Registry;

public sealed class RegistryServiceTests : IDisposable
{
    private static readonly ConsoleUser Admin = new("u1", "ada@example.com", ConsoleRole.Admin, "10.0.0.5");
    private static readonly ConsoleUser Operator = new("u2", "otto@example.com", ConsoleRole.Operator);
    private readonly FakeAwsAccount _aws = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _aws.Dispose();

    private static string RepositoryJson(string name, string mutability = "MUTABLE", bool scan = false)
        => $$$"""
           {"repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/{{{name}}}","registryId":"123456789012",
            "repositoryName":"{{{name}}}","repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{{{name}}}",
            "createdAt":1767225600.0,"imageTagMutability":"{{{mutability}}}",
            "imageScanningConfiguration":{"scanOnPush":{{{(scan ? "true" : "false")}}}},
            "encryptionConfiguration":{"encryptionType":"KMS","kmsKey":"arn:aws:kms:eu-west-1:123456789012:key/k1"}}
           """;

    [Fact]
    public async Task Lists_repositories_across_every_page()
    {
        _aws.On("DescribeRepositories", body => body["nextToken"]?.GetValue<string>() switch
        {
            null => $$"""{"repositories":[{{RepositoryJson("zeta")}},{{RepositoryJson("alpha")}}],"nextToken":"p2"}""",
            "p2" => $$"""{"repositories":[{{RepositoryJson("team/api", "IMMUTABLE", true)}}]}""",
            _ => throw new InvalidOperationException("unexpected token"),
        });

        var repositories = await _aws.Registry.ListRepositoriesAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, _ct);

        Assert.Equal(["alpha", "team/api", "zeta"], repositories.Select(r => r.Name));
        Assert.Equal(["DescribeRepositories", "DescribeRepositories"], _aws.Operations);
        var api = repositories[1];
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api", api.Uri);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com", api.RegistryHost);
        Assert.Equal(TagMutability.Immutable, api.TagMutability);
        Assert.True(api.ScanOnPush);
        Assert.Equal("KMS", api.Encryption);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), api.CreatedAt);
    }

    [Fact]
    public async Task Lists_images_across_pages_with_their_details_newest_first()
    {
        _aws.On("DescribeImages", body => body["nextToken"]?.GetValue<string>() switch
        {
            null => """
                    {"imageDetails":[{"repositoryName":"team/api","imageDigest":"sha256:aaaaaaaaaaaaaaaaaaaa","imageTags":["v1"],
                      "imageSizeInBytes":52428800,"imagePushedAt":1767225600,"lastRecordedPullTime":1767312000,
                      "imageScanStatus":{"status":"COMPLETE","description":"The scan was completed successfully."},
                      "imageScanFindingsSummary":{"findingSeverityCounts":{"HIGH":2,"LOW":5},"imageScanCompletedAt":1767225700},
                      "imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json"}],"nextToken":"n2"}
                    """,
            _ => """{"imageDetails":[{"repositoryName":"team/api","imageDigest":"sha256:bbbbbbbbbbbbbbbbbbbb","imagePushedAt":1767398400}]}""",
        });

        var images = await _aws.Registry.ListImagesAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, "team/api", _ct);

        Assert.Equal(2, images.Count);
        Assert.All(_aws.Calls, c => Assert.Equal("team/api", c.Body["repositoryName"]!.GetValue<string>()));
        var newest = images[0];
        Assert.Equal("sha256:bbbbbbbbbbbbbbbbbbbb", newest.Digest);
        Assert.True(newest.IsUntagged);
        Assert.Equal(ImageScanState.NotScanned, newest.ScanState);
        var scanned = images[1];
        Assert.Equal(["v1"], scanned.Tags);
        Assert.Equal(52428800, scanned.SizeInBytes);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), scanned.LastPulledAt);
        Assert.Equal(ImageScanState.Complete, scanned.ScanState);
        Assert.Equal(7, scanned.Findings!.Total);
        Assert.Equal(2, scanned.Findings.SeverityCounts["HIGH"]);

        var stats = await _aws.Registry.GetImageStatsAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, "team/api", _ct);
        Assert.Equal(new RepositoryImageStats(2, new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero)), stats);
    }

    [Fact]
    public async Task A_missing_repository_is_a_not_found_sentence()
    {
        _aws.Fail("DescribeRepositories", HttpStatusCode.BadRequest, "RepositoryNotFoundException",
            "The repository with name 'gone' does not exist in the registry with id '123456789012'");

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => _aws.Registry.GetRepositoryAsync(FakeAwsAccount.Connection, FakeAwsAccount.Region, "gone", _ct));

        Assert.Equal(AwsErrorKind.NotFound, error.Kind);
        Assert.Contains("does not exist", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_sends_the_settings_and_audits_the_success()
    {
        _aws.On("CreateRepository", body => $$"""{"repository":{{RepositoryJson(body["repositoryName"]!.GetValue<string>(), "IMMUTABLE", true)}}}""");

        var result = await _aws.Registry.CreateRepositoryAsync(Admin, FakeAwsAccount.Connection, FakeAwsAccount.Region,
            new CreateRepositoryInput("team/new-api", TagMutability.Immutable, ScanOnPush: true), _ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/new-api", result.Value!.Uri);
        var call = Assert.Single(_aws.Calls);
        Assert.Equal("CreateRepository", call.Operation);
        Assert.Equal("team/new-api", call.Body["repositoryName"]!.GetValue<string>());
        Assert.Equal("IMMUTABLE", call.Body["imageTagMutability"]!.GetValue<string>());
        Assert.True(call.Body["imageScanningConfiguration"]!["scanOnPush"]!.GetValue<bool>());
        var entry = Assert.Single(await _aws.AuditEntriesAsync());
        Assert.Equal(("CreateRepository", "team/new-api", AuditOutcome.Succeeded, "ada@example.com", "10.0.0.5"),
            (entry.Action, entry.Resource, entry.Outcome, entry.UserName, entry.ClientIp));
        Assert.Equal("eu-west-1", entry.Region);
    }

    [Fact]
    public async Task An_operator_is_refused_and_nothing_reaches_AWS()
    {
        var result = await _aws.Registry.CreateRepositoryAsync(Operator, FakeAwsAccount.Connection, FakeAwsAccount.Region,
            new CreateRepositoryInput("team/api"), _ct);

        Assert.False(result.Succeeded);
        Assert.True(result.Refused);
        Assert.Equal("Your role (Operator) cannot create or delete repositories; this needs the Admin role.", result.Message);
        Assert.Empty(_aws.Calls);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await _aws.AuditEntriesAsync()).Outcome);
    }

    [Fact]
    public async Task An_invalid_name_is_rejected_before_any_AWS_call()
    {
        var result = await _aws.Registry.CreateRepositoryAsync(Admin, FakeAwsAccount.Connection, FakeAwsAccount.Region,
            new CreateRepositoryInput("Team/API"), _ct);

        Assert.False(result.Succeeded);
        Assert.Equal("A repository name must be lowercase.", result.Message);
        Assert.Equal(AwsErrorKind.InvalidInput, result.ErrorKind);
        Assert.Empty(_aws.Calls);
        var entry = Assert.Single(await _aws.AuditEntriesAsync());
        Assert.Equal((AuditOutcome.Rejected, "A repository name must be lowercase."), (entry.Outcome, entry.Error));
    }

    [Fact]
    public async Task A_taken_name_comes_back_as_a_sentence_about_the_name()
    {
        _aws.Fail("CreateRepository", HttpStatusCode.BadRequest, "RepositoryAlreadyExistsException",
            "The repository with name 'fastapi-demo' already exists in the registry with id '123456789012'");

        var result = await _aws.Registry.CreateRepositoryAsync(Admin, FakeAwsAccount.Connection, FakeAwsAccount.Region,
            new CreateRepositoryInput("fastapi-demo"), _ct);

        Assert.False(result.Succeeded);
        Assert.Equal(AwsErrorKind.Conflict, result.ErrorKind);
        Assert.Equal("A repository named 'fastapi-demo' already exists in this registry; choose another name.", result.Message);
        Assert.Equal(AuditOutcome.Failed, Assert.Single(await _aws.AuditEntriesAsync()).Outcome);
    }

    [Fact]
    public async Task An_invalid_parameter_keeps_AWS_words()
    {
        _aws.Fail("CreateRepository", HttpStatusCode.BadRequest, "InvalidParameterException",
            "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression'");

        var result = await _aws.Registry.CreateRepositoryAsync(Admin, FakeAwsAccount.Connection, FakeAwsAccount.Region,
            new CreateRepositoryInput("ok-name"), _ct);

        Assert.Equal(AwsErrorKind.InvalidInput, result.ErrorKind);
        Assert.Equal("AWS rejected the CreateRepository request as invalid. AWS said: Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression'",
            result.Message);
    }

    [Fact]
    public async Task Delete_never_forces_and_explains_a_repository_with_images()
    {
        _aws.Fail("DeleteRepository", HttpStatusCode.BadRequest, "RepositoryNotEmptyException",
            "The repository with name 'team/api' in registry with id '123456789012' cannot be deleted because it still contains images");

        var result = await _aws.Registry.DeleteRepositoryAsync(Admin, FakeAwsAccount.Connection, FakeAwsAccount.Region, "team/api", _ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Repository 'team/api' still holds images; delete them first (the console only deletes empty repositories).", result.Message);
        Assert.False(Assert.Single(_aws.Calls).Body["force"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Delete_of_an_empty_repository_succeeds_and_is_audited()
    {
        _aws.On("DeleteRepository", $$"""{"repository":{{RepositoryJson("old")}}}""");

        var result = await _aws.Registry.DeleteRepositoryAsync(Admin, FakeAwsAccount.Connection, FakeAwsAccount.Region, "old", _ct);

        Assert.True(result.Succeeded);
        Assert.Equal("Deleted repository old.", result.Message);
        var entry = Assert.Single(await _aws.AuditEntriesAsync());
        Assert.Equal(("DeleteRepository", AuditOutcome.Succeeded), (entry.Action, entry.Outcome));
    }

    [Fact]
    public void Push_commands_use_the_repository_uri_and_the_region()
    {
        var repository = RegistryMapper.ToRepository(
            System.Text.Json.JsonSerializer.Deserialize<EcsConsole.Core.Aws.Ecr.Model.Repository>(RepositoryJson("team/api"), AwsJson.Options)!, "eu-west-1");

        var commands = RegistryService.PushCommandsFor(repository, "eu-west-1");

        Assert.Equal("aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com", commands.Login);
        Assert.Equal("docker tag api:latest 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:latest", commands.Tag);
    }

    [Fact]
    public void Mapper_builds_the_uri_when_an_emulator_leaves_it_out()
    {
        var repository = RegistryMapper.ToRepository(
            new EcsConsole.Core.Aws.Ecr.Model.Repository { RepositoryName = "api", RegistryId = "000000000000" }, "cn-north-1");

        Assert.Equal("000000000000.dkr.ecr.cn-north-1.amazonaws.com.cn/api", repository.Uri);
        Assert.Equal(TagMutability.Mutable, repository.TagMutability);
        Assert.Equal("AES256", repository.Encryption);
    }
}
