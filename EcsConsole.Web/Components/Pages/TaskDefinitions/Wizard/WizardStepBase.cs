using EcsConsole.Core.TaskDefinitions;
using Microsoft.AspNetCore.Components;

namespace EcsConsole.Web.Components.Pages.TaskDefinitions.Wizard;

/// <summary>What every wizard step gets: the draft, its validation, whether to show messages yet, and how to report a change.</summary>
public abstract class WizardStepBase : ComponentBase
{
    [Parameter, EditorRequired] public TaskDefinitionDraft Draft { get; set; } = default!;
    [Parameter, EditorRequired] public TaskDefinitionValidation Validation { get; set; } = default!;

    /// <summary>Messages appear once the person tried to leave the step, and then follow every keystroke.</summary>
    [Parameter] public bool ShowErrors { get; set; }

    /// <summary>AWS's own rejection when it belongs to this step, shown verbatim.</summary>
    [Parameter] public string? AwsError { get; set; }

    [Parameter] public EventCallback OnChanged { get; set; }

    /// <summary>The message for a field, when messages are shown.</summary>
    protected string? E(string path) => ShowErrors ? Validation.For(path) : null;

    protected bool HasE(string path) => E(path) is not null;

    protected Task ChangedAsync() => OnChanged.InvokeAsync();
}
