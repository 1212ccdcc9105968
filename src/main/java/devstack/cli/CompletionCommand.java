package devstack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code devstack completion bash|zsh|gdsl}: the shell's completion script for this command line (picocli's, which
 * zsh runs through its bash compatibility), or IntelliJ IDEA's description of the helpers and settings.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Print a completion script for the shell: bash, or zsh (picocli's bash script, which turns on "
                + "zsh's bash completion itself); or gdsl, IntelliJ IDEA's description of the helpers and settings "
                + "of plugin files.",
                "bash: source <(bin/devstack completion bash)   zsh: source <(bin/devstack completion zsh)",
                "See README.md and docs/plugins.md#completion-in-the-ide."})
final class CompletionCommand implements Callable<Integer> {
    /** What to print the completion for. */
    enum Kind { bash, zsh, gdsl }

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or gdsl")
    private Kind kind;

    /** bin/devstack passes its tree to every command; completion has no use for it. */
    @Option(names = "--top-dir", hidden = true)
    private Path topDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        switch (kind) {
            case bash, zsh -> out.print(AutoComplete.bash("devstack", spec.root().commandLine()));
            case gdsl -> out.print(gdsl());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The file the build wrote into the jar from the helper API. */
    private static String gdsl() throws IOException {
        try (InputStream in = CompletionCommand.class.getResourceAsStream("/devstack.gdsl")) {
            if (in == null) {
                throw new IllegalStateException("devstack.gdsl is not in the program: build it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
