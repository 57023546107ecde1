using EcsConsole.Core.Aws;

namespace EcsConsole.Web.Components.Pages.TaskDefinitions;

/// <summary>What a page says when loading fails: AWS's sentence, or an unknown connection named as such.</summary>
public static class PageErrors
{
    public static bool IsExpected(Exception ex) => ex is AwsServiceException or KeyNotFoundException;

    public static string Message(Exception ex) => ex switch
    {
        AwsServiceException aws => aws.UserMessage,
        _ => ex.Message,
    };
}
