package devstack.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ({@code Implementation-Version}), for {@code --version}. */
final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {"devstack " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + ", Groovy " + groovy.lang.GroovySystem.getVersion()};
    }
}
