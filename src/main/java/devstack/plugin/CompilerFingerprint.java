package devstack.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.util.ReleaseInfo;

/**
 * Everything besides a plugin's text that decides what it compiles to, as text for the class cache's key: the
 * cache format, the Groovy version, the class-file target (Groovy's default follows the JVM), the compiler's
 * options, the base script class and the signatures of its public methods (the helper API), and each
 * compilation customizer's class name and class file. When any of it changes, every plugin is compiled again.
 */
final class CompilerFingerprint {
    private CompilerFingerprint() {
    }

    static String of(CompilerConfiguration configuration, Class<?> baseClass) {
        StringBuilder text = new StringBuilder();
        line(text, "format", ClassCache.FORMAT);
        line(text, "groovy", ReleaseInfo.getVersion());
        line(text, "target", configuration.getTargetBytecode());
        line(text, "encoding", configuration.getSourceEncoding());
        line(text, "options", new TreeMap<>(configuration.getOptimizationOptions()).toString());
        line(text, "parameters", String.valueOf(configuration.getParameters()));
        line(text, "preview", String.valueOf(configuration.isPreviewFeatures()));
        line(text, "base", baseClass.getName() + " " + helperApi(baseClass));
        for (CompilationCustomizer customizer : configuration.getCompilationCustomizers()) {
            line(text, "customizer", customizer.getClass().getName() + " " + classFile(customizer.getClass()));
        }
        return text.toString();
    }

    /** A digest of the public method signatures a plugin can call on its base class. */
    static String helperApi(Class<?> baseClass) {
        String[] signatures = Arrays.stream(baseClass.getMethods()).map(Method::toGenericString).sorted()
                .toArray(String[]::new);
        return digest(String.join("\n", signatures).getBytes(StandardCharsets.UTF_8));
    }

    /** A digest of the class file of {@code type}: it changes when the class's code does. */
    static String classFile(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in == null ? "(no class file)" : digest(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append('=').append(value).append('\n');
    }

    static String digest(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
