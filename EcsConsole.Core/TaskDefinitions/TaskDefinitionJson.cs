using System.Text.Json;
using System.Text.Json.Nodes;
using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;

namespace EcsConsole.Core.TaskDefinitions;

/// <summary>The outcome of importing pasted JSON: a draft, or why the JSON could not be read.</summary>
public sealed record TaskDefinitionImport(TaskDefinitionDraft? Draft, string? Error, IReadOnlyList<string> Ignored)
{
    public bool Succeeded => Draft is not null;
}

/// <summary>Task definitions as JSON: the canonical form shown and diffed, and imports of what AWS prints.</summary>
public static class TaskDefinitionJson
{
    private static readonly JsonSerializerOptions Pretty = new(AwsJson.Options) { WriteIndented = true };

    // Fields AWS returns but does not accept back; an import drops them (and says so).
    private static readonly string[] ReadOnlyFields =
    [
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
        "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
    ];

    /// <summary>The exact body RegisterTaskDefinition will get, indented: what the review step shows and the diff compares.</summary>
    public static string Canonical(TaskDefinitionSpec spec)
        => JsonSerializer.Serialize(TaskDefinitionMapper.ToRegisterRequest(spec), Pretty);

    public static string Canonical(RegisterTaskDefinitionRequest request) => JsonSerializer.Serialize(request, Pretty);

    /// <summary>
    /// Reads a task definition as the AWS console's JSON tab or `aws ecs describe-task-definition`
    /// prints it (with or without the outer "taskDefinition" key, tags beside it or inside).
    /// </summary>
    public static TaskDefinitionImport Import(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new(null, "Paste a task definition in JSON.", []);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1})" : "";
            return new(null, $"This is not valid JSON{where}.", []);
        }

        if (root is not JsonObject outer) return new(null, "Paste a JSON object: the task definition, not a list or a value.", []);
        var body = outer["taskDefinition"] as JsonObject ?? outer;
        var tags = outer["tags"] ?? body["tags"];
        body = (JsonObject)body.DeepClone();
        var ignored = ReadOnlyFields.Where(body.ContainsKey).ToList();
        foreach (var field in ignored) body.Remove(field);
        if (tags is not null) body["tags"] = tags.DeepClone();
        if (!body.ContainsKey("containerDefinitions") && !body.ContainsKey("family"))
        {
            return new(null, "This JSON has no \"family\" or \"containerDefinitions\": it does not look like a task definition.", []);
        }

        // The console prints cpu/memory as strings, people write numbers; AWS takes both.
        foreach (var key in new[] { "cpu", "memory" })
        {
            if (body[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number) body[key] = v.ToJsonString();
        }

        RegisterTaskDefinitionRequest? request;
        try
        {
            request = body.Deserialize<RegisterTaskDefinitionRequest>(AwsJson.Options);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path.TrimStart('$', '.')}";
            return new(null, $"A value has the wrong type{path}: {FirstSentence(ex.Message)}", ignored);
        }

        if (request is null) return new(null, "Paste a task definition in JSON.", ignored);
        var spec = TaskDefinitionMapper.ToSpec(request);
        var draft = TaskDefinitionDraftConverter.FromSpec(spec, basedOn: null);
        if (draft.Containers.Count == 0) draft.Containers.Add(new ContainerDraft());
        return new(draft, null, ignored);
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..(dot + 1)] : message;
    }
}
