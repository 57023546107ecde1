using EcsConsole.Core.Commands;
using MudBlazor;

namespace EcsConsole.Web.Services;

/// <summary>Shows a command's result the same way everywhere: a snackbar with the result's sentence.</summary>
public static class CommandFeedback
{
    public static void Show<T>(this ISnackbar snackbar, CommandResult<T> result)
        => snackbar.Add(result.Message, result.Succeeded ? Severity.Success : result.Refused ? Severity.Warning : Severity.Error);
}
