package devstack.cli;

import java.util.Map;

/**
 * What the program may send to the terminal beyond plain lines. {@code TERM=dumb} gets no escape codes at all (no
 * colours, no status line, which redraws itself with cursor codes); {@code NO_COLOR} (set and not empty, see
 * no-color.org) turns colours off.
 */
record Terminal(Map<String, String> environment) {
    /** Whether escape codes that move the cursor or clear a line may be used. */
    boolean allowsEscapes() {
        return !"dumb".equals(environment.get("TERM"));
    }

    /** Whether help and messages may be coloured. */
    boolean allowsColours() {
        String noColor = environment.get("NO_COLOR");
        return allowsEscapes() && (noColor == null || noColor.isEmpty());
    }
}
