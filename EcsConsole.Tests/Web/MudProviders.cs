using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EcsConsole.Tests.Web;

public static class MudProviders
{
    /// <summary>
    /// Renders MudBlazor's popover, dialog and snackbar providers (what the app's layout holds), so
    /// tooltips, dialogs and snackbars opened by the component under test can be found in the result.
    /// </summary>
    public static IRenderedComponent<IComponent> RenderMudProviders(this BunitContext context) => context.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
    });
}
