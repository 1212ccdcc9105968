package devstack.system;

import java.util.ArrayList;
import java.util.List;

/** A minimal unified diff of two line lists (one hunk with three lines of context), for the dry run. */
final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    static List<String> unified(String name, List<String> before, List<String> after) {
        // Longest common subsequence table; config files are small enough for the quadratic version.
        int n = before.size();
        int m = after.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).equals(after.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                edits.add(" " + before.get(i++));
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                edits.add("+" + after.get(j++));
            } else {
                edits.add("-" + before.get(i++));
            }
        }
        int first = 0;
        while (first < edits.size() && edits.get(first).startsWith(" ")) {
            first++;
        }
        int last = edits.size() - 1;
        while (last > first && edits.get(last).startsWith(" ")) {
            last--;
        }
        List<String> out = new ArrayList<>(List.of("--- " + name, "+++ " + name));
        out.addAll(edits.subList(Math.max(0, first - CONTEXT), Math.min(edits.size(), last + 1 + CONTEXT)));
        return out;
    }
}
