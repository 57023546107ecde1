using Bunit;
using EcsConsole.Core.AutoStop;
using EcsConsole.Web.Components.Pages.Costs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EcsConsole.Tests.Web.Costs;

/// <summary>The auto-stop picker shows exactly the time to live its owner will use.</summary>
public sealed class TtlPickerTests : BunitContext
{
    public TtlPickerTests()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<TtlPicker> Picker(TimeToLive? value, bool allowNone = false, Action<TimeToLive?>? changed = null)
        => Render<TtlPicker>(p => p.Add(c => c.Value, value).Add(c => c.AllowNone, allowNone).Add(c => c.ValueChanged, v => changed?.Invoke(v)));

    private static string Shown(IRenderedComponent<TtlPicker> picker) => picker.Find("[data-testid=ttl-mode]").TextContent.Trim();

    [Fact]
    public void A_new_picker_shows_the_value_it_is_given_not_a_default()
    {
        // What the task page has after "Set timer" with 15 min and then clearing the timer: a fresh picker, the old value.
        Assert.Equal("Stop after 15 min", Shown(Picker(TimeToLive.For(TimeSpan.FromMinutes(15)))));
        Assert.Equal("Stop after 1 day", Shown(Picker(TimeToLive.For(TimeSpan.FromDays(1)))));

        var minutes = Picker(TimeToLive.For(TimeSpan.FromMinutes(50)));
        Assert.Equal("Stop after … minutes", Shown(minutes));
        Assert.Equal("50", minutes.Find("input[data-testid=ttl-minutes], [data-testid=ttl-minutes] input").GetAttribute("value"));

        var at = Picker(TimeToLive.Until(new TimeOnly(18, 30)));
        Assert.Equal("Stop at a time…", Shown(at));
        Assert.Equal("18:30", at.Find("input[data-testid=ttl-at], [data-testid=ttl-at] input").GetAttribute("value"));
    }

    [Fact]
    public void Without_keep_running_an_empty_value_becomes_the_one_hour_shown()
    {
        TimeToLive? given = null;

        var picker = Picker(null, allowNone: false, changed: v => given = v);

        Assert.Equal("Stop after 1 h", Shown(picker));
        Assert.Equal(TimeToLive.For(TimeSpan.FromHours(1)), given);
        Assert.Equal("Keep running", Shown(Picker(null, allowNone: true)));
    }

    [Fact]
    public void A_value_changed_by_the_owner_is_shown()
    {
        var picker = Picker(TimeToLive.For(TimeSpan.FromHours(2)));

        picker.Render(p => p.Add(c => c.Value, TimeToLive.For(TimeSpan.FromMinutes(30))));

        Assert.Equal("Stop after 30 min", Shown(picker));
    }
}
