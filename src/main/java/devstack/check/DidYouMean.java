package devstack.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The known name nearest to a misspelt one: a letter left out, added, changed or two swapped, as a typo does. */
final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The nearest of {@code known}, if it is near enough to be what was meant (case aside, one edit in four letters,
     * at most three); ties go to the first in order.
     */
    static Optional<String> nearest(String name, Collection<String> known) {
        int limit = Math.max(1, Math.min(3, name.length() / 4));
        return known.stream()
                .filter(candidate -> !candidate.equals(name))
                .map(candidate -> new Candidate(candidate, distance(name.toLowerCase(Locale.ROOT),
                        candidate.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance <= limit)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::name);
    }

    private record Candidate(String name, int distance) {
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
