package devstack.ini;

/**
 * Which section and option names a helper may write: a name must read back as the same name, in the same place,
 * by this host, by DevStack's sed and by the services' own parsers (oslo.config and Python's configparser end a
 * key at {@code =} or {@code :}). A name that would change the file's structure, such as an option {@code [evil]}
 * that opens a section, {@code #k} that is a comment, or {@code k=v} that is another option, is refused.
 *
 * <ul>
 * <li>A <b>section name</b> is any text without {@code ]}, line breaks or other control characters.</li>
 * <li>An <b>option name</b> is any text without {@code =}, {@code :}, line breaks or other control characters,
 *     that does not start with {@code [}, {@code #} or {@code ;}, and neither starts nor ends with a blank.</li>
 * </ul>
 */
public final class IniNames {
    private IniNames() {
    }

    /** The reason {@code section} cannot be written as a section name, or null when it can. */
    public static String sectionProblem(String section) {
        if (section.indexOf(']') >= 0) {
            return "it contains ']', which would end the header early";
        }
        return controlProblem(section);
    }

    /** The reason {@code option} cannot be written as an option name, or null when it can. */
    public static String optionProblem(String option) {
        if (option.startsWith("[")) {
            return "it starts with '[', so the line would be read as a section header";
        }
        if (option.startsWith("#") || option.startsWith(";")) {
            return "it starts with '" + option.charAt(0) + "', so the line would be read as a comment";
        }
        if (option.startsWith(" ") || option.startsWith("\t")) {
            return "it starts with a blank, so the line would be read as a continuation, not an option";
        }
        if (option.endsWith(" ") || option.endsWith("\t")) {
            return "it ends with a blank, so it would read back as the name without it";
        }
        if (option.indexOf('=') >= 0) {
            return "it contains '=', so the line would be read as an option named '"
                    + option.substring(0, option.indexOf('=')).strip() + "'";
        }
        if (option.indexOf(':') >= 0) {
            return "it contains ':', where oslo.config and Python's configparser end the option name";
        }
        return controlProblem(option);
    }

    /** Refuses a section name that would change the file's structure (see the class comment). */
    public static void checkSection(String section) {
        String problem = sectionProblem(section);
        if (problem != null) {
            throw new IllegalArgumentException("section name " + shown(section) + " would change the file's "
                    + "structure: " + problem + "; a section name is text without ']' or line breaks");
        }
    }

    /** Refuses an option name that would change the file's structure (see the class comment). */
    public static void checkOption(String option) {
        String problem = optionProblem(option);
        if (problem != null) {
            throw new IllegalArgumentException("option name " + shown(option) + " would change the file's "
                    + "structure: " + problem + "; an option name is text without '=', ':' or line breaks that "
                    + "does not start with '[', '#', ';' or a blank");
        }
    }

    private static String controlProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n' || c == '\r') {
                return "it contains a line break, which would start a new line of the file";
            }
            if (Character.isISOControl(c) && c != '\t') {
                return "it contains the control character U+" + String.format("%04X", (int) c);
            }
        }
        return null;
    }

    private static String shown(String name) {
        return "'" + name.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
