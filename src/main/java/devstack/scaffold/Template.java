package devstack.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a scaffold, kept under {@code src/main/resources/devstack/scaffold/}: its text with {@code @TOKEN@}
 * placeholders (Groovy's own {@code $...} is left alone), filled in with the names of the new plugin.
 */
final class Template {
    private static final Pattern TOKEN = Pattern.compile("@([A-Z][A-Z_]*)@");

    private Template() {
    }

    /** The template {@code resource} (relative to the scaffold's directory) with every token replaced. */
    static String render(String resource, Map<String, String> values) {
        String text = read("/devstack/scaffold/" + resource);
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + resource + ": no value for " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static String read(String resource) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
