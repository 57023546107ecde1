// Small helpers the Blazor components call through JS interop.
window.ecsConsole = {
    copyText: async function (text) {
        try { await navigator.clipboard.writeText(text); return true; }
        catch { return false; }
    },
    // Set by the layout once the circuit is interactive; end-to-end tests wait for it.
    markInteractive: function () { document.body.dataset.interactive = "true"; },
    // The browser's IANA time zone, for "stop at 18:00" in the person's own time.
    timeZone: function () { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch { return "UTC"; } },
};
