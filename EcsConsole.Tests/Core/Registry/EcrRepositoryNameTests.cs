using EcsConsole.Core.Registry;

namespace EcsConsole.Tests.Core.Registry;

public sealed class EcrRepositoryNameTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("fastapi-demo")]
    [InlineData("team/api")]
    [InlineData("team/sub.team/api_v2")]
    [InlineData("a1/b2/c3")]
    [InlineData("0x")]
    [InlineData("my.app-name_2")]
    public void Accepts_names_ECR_accepts(string name)
    {
        Assert.Null(EcrRepositoryName.Validate(name));
        Assert.True(EcrRepositoryName.IsValid(name));
    }

    [Fact]
    public void Accepts_exactly_256_characters_and_rejects_257()
    {
        var max = new string('a', 256);
        Assert.Null(EcrRepositoryName.Validate(max));
        var message = EcrRepositoryName.Validate(max + "a");
        Assert.Equal("A repository name can have at most 256 characters (this one has 257).", message);
    }

    [Theory]
    [InlineData("", "Enter a repository name.")]
    [InlineData("a", "A repository name needs at least 2 characters.")]
    [InlineData("FastApi", "A repository name must be lowercase.")]
    [InlineData("my app", "A repository name cannot contain spaces.")]
    [InlineData("app:latest", "A repository name can only contain lowercase letters, digits, '.', '_', '-' and '/'.")]
    [InlineData("/team/app", "A repository name cannot start or end with '/'.")]
    [InlineData("team/app/", "A repository name cannot start or end with '/'.")]
    [InlineData("team//app", "A repository name cannot contain '//' (an empty path segment).")]
    [InlineData("-app", "Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('-app' does not).")]
    [InlineData("app-", "Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('app-' does not).")]
    [InlineData("my--app", "Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('my--app' does not).")]
    [InlineData("my._app", "Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('my._app' does not).")]
    [InlineData("team/.hidden", "Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('.hidden' does not).")]
    [InlineData("team/-/app", "Each part between '/' must start and end with a letter or digit, with single '.', '_' or '-' between them ('-' does not).")]
    public void Rejects_with_a_message_that_says_what_is_wrong(string name, string expected)
        => Assert.Equal(expected, EcrRepositoryName.Validate(name));

    [Fact]
    public void Null_asks_for_a_name() => Assert.Equal("Enter a repository name.", EcrRepositoryName.Validate(null));

    [Fact]
    public void Randomized_names_follow_the_ECR_pattern()
    {
        // The pattern ECR documents, applied to the whole name, is the oracle.
        var oracle = new System.Text.RegularExpressions.Regex("^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$");
        var random = new Random(20260504);
        const string alphabet = "ab09._-/A ";
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(0, 12);
            var name = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.True(oracle.IsMatch(name) == EcrRepositoryName.IsValid(name), $"'{name}': oracle {oracle.IsMatch(name)}");
            if (!EcrRepositoryName.IsValid(name)) Assert.False(string.IsNullOrWhiteSpace(EcrRepositoryName.Validate(name)));
        }
    }
}
