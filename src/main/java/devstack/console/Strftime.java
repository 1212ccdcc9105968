package devstack.console;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Formats a time with the strftime codes DevStack's {@code TIMESTAMP_FORMAT} uses ({@code %F-%H%M%S}). */
public final class Strftime {
    private Strftime() {
    }

    public static String format(String pattern, ZonedDateTime time) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char code = pattern.charAt(++i);
            out.append(switch (code) {
                case 'F' -> DateTimeFormatter.ISO_LOCAL_DATE.format(time);
                case 'T' -> DateTimeFormatter.ofPattern("HH:mm:ss").format(time);
                case 'Y' -> String.format("%04d", time.getYear());
                case 'm' -> String.format("%02d", time.getMonthValue());
                case 'd' -> String.format("%02d", time.getDayOfMonth());
                case 'H' -> String.format("%02d", time.getHour());
                case 'M' -> String.format("%02d", time.getMinute());
                case 'S' -> String.format("%02d", time.getSecond());
                case 's' -> Long.toString(time.toEpochSecond());
                case '%' -> "%";
                default -> "%" + code;
            });
        }
        return out.toString();
    }
}
