package devstack.system;

/** File modes as numbers ({@code 0640}, {@code 02750}), every bit included. */
public final class FileModes {
    private FileModes() {
    }

    /** An octal mode as written in a helper call ({@code '755'}, {@code '0640'}, {@code '2750'}), or -1. */
    public static int parse(String mode) {
        return mode != null && mode.matches("0?[0-7]{3,4}") ? Integer.parseInt(mode, 8) : -1;
    }

    /** {@code 0644}, {@code 02640}: the form chmod takes. */
    public static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
