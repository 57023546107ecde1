namespace EcsConsole.Core.TaskDefinitions;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One line of a unified diff, with its line number on each side (null where the side has no line).</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? LeftNumber, int? RightNumber);

public enum DiffRowKind
{
    Same,
    Removed,
    Added,

    /// <summary>A removed line paired with the added line that replaced it.</summary>
    Modified,
}

/// <summary>One row of a side-by-side diff: a changed line shows its old text left and its new text right.</summary>
public sealed record DiffRow(DiffRowKind Kind, int? LeftNumber, string? Left, int? RightNumber, string? Right)
{
    public bool Changed => Kind != DiffRowKind.Same;
}

/// <summary>
/// A line diff by the longest common subsequence (Myers' greedy algorithm, O((N+M)·D)), which keeps
/// diffs of two revisions of a task definition small and readable.
/// </summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compute(string left, string right)
        => Compute(SplitLines(left), SplitLines(right));

    public static IReadOnlyList<DiffLine> Compute(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // Common head and tail are cut first: revisions usually differ in a few lines.
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail]) tail++;

        var result = new List<DiffLine>(a.Count + b.Count);
        for (var i = 0; i < head; i++) result.Add(new DiffLine(DiffKind.Same, a[i], i + 1, i + 1));
        var middle = Myers(a, b, head, a.Count - tail, head, b.Count - tail);
        result.AddRange(middle);
        for (var k = tail; k > 0; k--)
        {
            int ai = a.Count - k, bi = b.Count - k;
            result.Add(new DiffLine(DiffKind.Same, a[ai], ai + 1, bi + 1));
        }

        return result;
    }

    private static List<DiffLine> Myers(IReadOnlyList<string> a, IReadOnlyList<string> b, int aStart, int aEnd, int bStart, int bEnd)
    {
        int n = aEnd - aStart, m = bEnd - bStart, max = n + m;
        var result = new List<DiffLine>();
        if (max == 0) return result;
        var v = new int[2 * max + 2];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y]) { x++; y++; }
                v[max + k] = x;
                if (x >= n && y >= m) { found = true; break; }
            }
        }

        // Walk the trace back from the end to recover the edit script.
        var edits = new List<DiffLine>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var vd = trace[d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : vd[max + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--; cy--;
                edits.Add(new DiffLine(DiffKind.Same, a[aStart + cx], aStart + cx + 1, bStart + cy + 1));
            }

            if (d == 0) break;
            if (cx == prevX) { cy--; edits.Add(new DiffLine(DiffKind.Added, b[bStart + cy], null, bStart + cy + 1)); }
            else { cx--; edits.Add(new DiffLine(DiffKind.Removed, a[aStart + cx], aStart + cx + 1, null)); }
            cx = prevX; cy = prevY;
        }

        edits.Reverse();
        return edits;
    }

    /// <summary>Pairs removed and added lines of each changed block into rows, as a side-by-side view shows them.</summary>
    public static IReadOnlyList<DiffRow> SideBySide(IReadOnlyList<DiffLine> lines)
    {
        var rows = new List<DiffRow>(lines.Count);
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind == DiffKind.Same)
            {
                rows.Add(new DiffRow(DiffRowKind.Same, lines[i].LeftNumber, lines[i].Text, lines[i].RightNumber, lines[i].Text));
                i++;
                continue;
            }

            var removed = new List<DiffLine>();
            var added = new List<DiffLine>();
            while (i < lines.Count && lines[i].Kind != DiffKind.Same)
            {
                (lines[i].Kind == DiffKind.Removed ? removed : added).Add(lines[i]);
                i++;
            }

            for (var r = 0; r < Math.Max(removed.Count, added.Count); r++)
            {
                var left = r < removed.Count ? removed[r] : null;
                var right = r < added.Count ? added[r] : null;
                var kind = left is null ? DiffRowKind.Added : right is null ? DiffRowKind.Removed : DiffRowKind.Modified;
                rows.Add(new DiffRow(kind, left?.LeftNumber, left?.Text, right?.RightNumber, right?.Text));
            }
        }

        return rows;
    }

    public static IReadOnlyList<string> SplitLines(string text)
        => text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
