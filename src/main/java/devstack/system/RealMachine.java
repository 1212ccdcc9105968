package devstack.system;


import devstack.console.Console;
import devstack.console.RunLog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** The machine the program runs on: every question is answered by it and every change is made to it. */
public final class RealMachine implements Machine {
    /** wait_for_service: the pause between two tries, as DevStack's loop sleeps. */
    private static final Duration WAIT_INTERVAL = Duration.ofSeconds(1);

    private final Console console;
    private final Privilege privilege;
    private final Supplier<OsRelease> osSource;
    private final CommandRunner commands;
    private final RealFiles files;
    private final ProcessSupervisor processes;
    private final GitClone git;
    private OsRelease os;
    private PackageManager packages;

    private RealMachine(Console console, Privilege privilege, Supplier<OsRelease> os) {
        this.console = console;
        this.privilege = privilege;
        this.osSource = os;
        this.commands = new CommandRunner(console);
        // apt waits for a lock another apt or dpkg holds (PackageTools sets its timeout): say so, it may take a while.
        commands.notice(PackageTools.LOCK_WAIT, "Waiting for the package manager: ");
        this.files = new RealFiles(commands, privilege);
        this.processes = new ProcessSupervisor(console, commands, privilege);
        this.git = new GitClone(commands, files, console);
    }

    /** This machine, as the current user. */
    public static RealMachine of(Console console) {
        return new RealMachine(console, Privilege.ofCurrentUser(), OsRelease::ofThisMachine);
    }

    /** This machine with another privilege (tests play sudo with a recording script). */
    public static RealMachine of(Console console, Privilege privilege) {
        return new RealMachine(console, privilege, OsRelease::ofThisMachine);
    }

    @Override
    public synchronized OsRelease os() {
        if (os == null) {
            os = osSource.get();
        }
        return os;
    }

    @Override
    public Privilege privilege() {
        return privilege;
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public Machine.Files files() {
        return files;
    }

    /** Made on first use, so that a run that installs nothing never asks which package manager there is. */
    @Override
    public synchronized PackageManager packages() {
        if (packages == null) {
            packages = PackageManager.forDistribution(os(), commands, privilege);
        }
        return packages;
    }

    @Override
    public ProcessSupervisor processes() {
        return processes;
    }

    @Override
    public Git git() {
        return git;
    }

    @Override
    public Network network() {
        return new Network() {
            @Override
            public void download(URI url, Path target, Proxies proxies) {
                new Download(proxies).fetch(url, target);
            }

            @Override
            public boolean waitForAnswer(URI url, Duration timeout, IntConsumer tried) {
                return new UrlWait(WAIT_INTERVAL).waitFor(url, timeout, tried);
            }
        };
    }

    @Override
    public Accounts accounts() {
        return (user, group) -> commands.checked(privilege.asRoot(List.of("usermod", "-a", "-G", group, user)));
    }

    @Override
    public AutoCloseable lock(Path dest, Path serviceDir) {
        return RunLock.acquire(dest, serviceDir);
    }

    @Override
    public Optional<RunLog> openLog(Path logfile, String suffix, int days, Clock clock) {
        RunLog.prune(logfile, days, clock);
        return Optional.of(RunLog.open(logfile, suffix, clock));
    }

    @Override
    public CreatedRecord created(Path dest) {
        Path file = dest.resolve(CreatedRecord.FILE_NAME);
        return new CreatedRecord(new CreatedRecord.Store() {
            @Override
            public List<String> read() {
                return files.read(file, false).map(b -> new String(b, StandardCharsets.UTF_8).lines().toList())
                        .orElse(List.of());
            }

            @Override
            public void append(String line) {
                if (java.nio.file.Files.isDirectory(dest)) {
                    files.append(file, (line + "\n").getBytes(StandardCharsets.UTF_8), false);
                }
            }

            @Override
            public void write(List<String> lines) {
                if (java.nio.file.Files.isDirectory(dest)) {
                    files.write(file, lines.stream().map(l -> l + "\n").collect(Collectors.joining())
                            .getBytes(StandardCharsets.UTF_8), OptionalInt.empty(), false);
                }
            }
        });
    }

    @Override
    public void appendErrorLog(Path logDir, String line) {
        if (logDir.toString().isEmpty()) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(logDir);
            Path errorLog = logDir.resolve("error.log");
            if (!java.nio.file.Files.exists(errorLog)) {
                // Owner and group only, as the run's other logs.
                java.nio.file.Files.createFile(errorLog, java.nio.file.attribute.PosixFilePermissions
                        .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----")));
            }
            java.nio.file.Files.writeString(errorLog, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The line is already on the console and in the run log; error.log is a convenience copy.
            console.detail("cannot append to " + logDir.resolve("error.log") + ": " + e.getMessage());
        }
    }

}
