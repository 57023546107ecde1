// Follow mode for the log viewer: keeps the view at the end while following, and tells .NET when
// the reader scrolls away (pause) or back to the end (follow again).
const state = new WeakMap();

function atEnd(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight < 24;
}

export function attach(el, dotnet) {
    const s = { dotnet, programmatic: false, wasAtEnd: true };
    s.onScroll = () => {
        if (s.programmatic) { s.programmatic = false; return; }
        const end = atEnd(el);
        if (end === s.wasAtEnd) return;
        s.wasAtEnd = end;
        dotnet.invokeMethodAsync(end ? "OnScrolledToEnd" : "OnScrolledAway");
    };
    // A wheel or key press upwards pauses at once, even before the scroll position moves far.
    s.onWheel = (e) => {
        if (e.deltaY < 0 && s.wasAtEnd && el.scrollTop > 0) { s.wasAtEnd = false; dotnet.invokeMethodAsync("OnScrolledAway"); }
    };
    el.addEventListener("scroll", s.onScroll, { passive: true });
    el.addEventListener("wheel", s.onWheel, { passive: true });
    state.set(el, s);
}

export function detach(el) {
    const s = state.get(el);
    if (!s) return;
    el.removeEventListener("scroll", s.onScroll);
    el.removeEventListener("wheel", s.onWheel);
    state.delete(el);
}

export function scrollToEnd(el) {
    const s = state.get(el);
    if (s) { s.programmatic = true; s.wasAtEnd = true; }
    el.scrollTop = el.scrollHeight;
    // Virtualize renders the last rows after this scroll; settle once they are in place.
    requestAnimationFrame(() => {
        if (s) { s.programmatic = true; }
        el.scrollTop = el.scrollHeight;
    });
}

export function scrollToRow(el, index, rowHeight, seq) {
    const s = state.get(el);
    if (s) { s.programmatic = true; s.wasAtEnd = false; }
    el.scrollTop = Math.max(0, index * rowHeight - el.clientHeight / 3);
    // Row heights vary when lines wrap: once Virtualize has rendered the row, centre it exactly.
    let tries = 0;
    const settle = () => {
        const row = el.querySelector(`[data-seq="${seq}"]`);
        if (row) {
            if (s) { s.programmatic = true; }
            row.scrollIntoView({ block: "center" });
        } else if (tries++ < 20) {
            setTimeout(settle, 50);
        }
    };
    setTimeout(settle, 30);
}

export function timeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
}
