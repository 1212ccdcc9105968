package devstack.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A unified diff of two line lists, as {@code diff -u} prints it: {@code ---}/{@code +++} headers, then hunks with
 * {@code @@ -a,b +c,d @@} headers and three lines of context. The edit script is Myers' shortest one, found after
 * the common head and tail are set aside (an ini edit changes a few lines of a long file), so time and memory
 * grow with the size of the change, not the size of the file; a change too large to search is shown as the whole
 * old text replaced by the whole new one.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    /** The most differing lines searched for a shortest edit script (memory grows with its square). */
    private static final int MAX_EDITS = 2000;

    private UnifiedDiff() {
    }

    /** One line of an edit script: ' ' kept, '-' removed, '+' added. */
    private record Edit(char op, String line, int oldLine, int newLine) {
    }

    public static List<String> of(String oldName, String newName, List<String> before, List<String> after) {
        List<Edit> edits = edits(before, after);
        List<String> out = new ArrayList<>();
        if (edits.stream().allMatch(e -> e.op() == ' ')) {
            return out;
        }
        out.add("--- " + oldName);
        out.add("+++ " + newName);
        int i = 0;
        while (i < edits.size()) {
            while (i < edits.size() && edits.get(i).op() == ' ') {
                i++;
            }
            if (i == edits.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is close enough for the contexts to touch.
            while (true) {
                while (end < edits.size() && edits.get(end).op() != ' ') {
                    end++;
                }
                int next = end;
                while (next < edits.size() && edits.get(next).op() == ' ') {
                    next++;
                }
                if (next < edits.size() && next - end <= 2 * CONTEXT) {
                    end = next;
                } else {
                    end = Math.min(edits.size(), end + CONTEXT);
                    break;
                }
            }
            out.addAll(hunk(edits.subList(start, end)));
            i = end;
        }
        return out;
    }

    private static List<String> hunk(List<Edit> edits) {
        int oldCount = 0;
        int newCount = 0;
        int oldStart = -1;
        int newStart = -1;
        for (Edit e : edits) {
            if (e.op() != '+') {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = e.oldLine();
                }
            }
            if (e.op() != '-') {
                newCount++;
                if (newStart < 0) {
                    newStart = e.newLine();
                }
            }
        }
        // diff -u names an empty side by the line before it.
        if (oldStart < 0) {
            oldStart = edits.get(0).oldLine() - 1;
        }
        if (newStart < 0) {
            newStart = edits.get(0).newLine() - 1;
        }
        List<String> lines = new ArrayList<>();
        lines.add("@@ -" + range(oldStart, oldCount) + " +" + range(newStart, newCount) + " @@");
        edits.forEach(e -> lines.add(e.op() + e.line()));
        return lines;
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /** The edit script, lines numbered from 1 in their files. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(' ', a.get(i), i + 1, i + 1));
        }
        List<String> midA = a.subList(head, a.size() - tail);
        List<String> midB = b.subList(head, b.size() - tail);
        for (Edit e : middle(midA, midB)) {
            edits.add(new Edit(e.op(), e.line(), e.oldLine() + head, e.newLine() + head));
        }
        for (int k = tail; k > 0; k--) {
            edits.add(new Edit(' ', a.get(a.size() - k), a.size() - k + 1, b.size() - k + 1));
        }
        return edits;
    }

    /** Myers' greedy shortest edit script, or all removed then all added when it would take too long. */
    private static List<Edit> middle(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        List<int[]> trace = new ArrayList<>();
        int[] v = new int[2 * max + 3];
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<Edit> edits = new ArrayList<>();
        if (found < 0) {
            for (int i = 0; i < n; i++) {
                edits.add(new Edit('-', a.get(i), i + 1, 1));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit('+', b.get(j), n + 1, j + 1));
            }
            return edits;
        }
        // Walk back through the trace from the end, collecting the script backwards.
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int prevK = k == -d || k != d && prev[offset + k - 1] < prev[offset + k + 1] ? k + 1 : k - 1;
            int prevX = prev[offset + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                edits.add(new Edit(' ', a.get(x - 1), x, y));
                x--;
                y--;
            }
            if (x == prevX) {
                edits.add(new Edit('+', b.get(y - 1), x + 1, y));
            } else {
                edits.add(new Edit('-', a.get(x - 1), x, y + 1));
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            edits.add(new Edit(' ', a.get(x - 1), x, y));
            x--;
            y--;
        }
        Collections.reverse(edits);
        return edits;
    }
}
