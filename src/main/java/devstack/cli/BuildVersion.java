package devstack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the program's version and the Groovy version it was built with, both written by the build
 * into {@code devstack/build.properties}, so that answering does not start the Groovy runtime.
 */
final class BuildVersion implements IVersionProvider {
    static final String RESOURCE = "/devstack/build.properties";

    /** Whether the arguments are a lone {@code --version} (or {@code -V}): the one answer that needs no command. */
    static boolean isAskedAlone(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"devstack " + build.getProperty("version", "(development build)"),
                "Java " + System.getProperty("java.version") + ", Groovy "
                        + build.getProperty("groovy.version", "(unknown)")};
    }
}
