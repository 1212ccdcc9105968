package devstack.cli;

import java.util.Map;

/**
 * What the program may send to the terminal beyond plain lines. {@code TERM=dumb} gets no escape codes at all (no
 * colours, no status line, which redraws itself with cursor codes); {@code NO_COLOR} (set and not empty, see
 * no-color.org) turns colours off. {@code interactive}: whether the run's input and output are a terminal (the
 * status line is only drawn there).
 */
record Terminal(Map<String, String> environment, boolean interactive) {
    /** Whether escape codes that move the cursor or clear a line may be used. */
    boolean allowsEscapes() {
        return !"dumb".equals(environment.get("TERM"));
    }

    /** Whether the status line may be drawn: on a terminal that understands escape codes. */
    boolean allowsStatusLine() {
        return interactive && allowsEscapes();
    }

    /** Whether help and messages may be coloured. */
    boolean allowsColours() {
        String noColor = environment.get("NO_COLOR");
        return allowsEscapes() && (noColor == null || noColor.isEmpty());
    }

    /**
     * Whether help is coloured: as picocli decides it for itself ({@code CLICOLOR_FORCE} other than 0 forces
     * colours, {@code CLICOLOR=0} turns them off, else only on a terminal), but from the run's own environment and
     * terminal, which are not this JVM's when a spare JVM runs the command.
     */
    boolean colouredHelp() {
        String force = environment.get("CLICOLOR_FORCE");
        if (!allowsColours()) {
            return false;
        }
        if (force != null && !force.equals("0")) {
            return true;
        }
        return !"0".equals(environment.get("CLICOLOR")) && interactive;
    }
}
