package devstack.plan;

import devstack.console.RunLog;
import devstack.system.CommandResult;
import devstack.system.CreatedRecord;
import devstack.system.GitClone;
import devstack.system.Machine;
import devstack.system.OsRelease;
import devstack.system.PackageManager;
import devstack.system.Privilege;
import devstack.system.ProcessCommand;
import devstack.system.ProcessFailedException;
import devstack.system.ProcessSupervisor;
import devstack.system.Proxies;
import devstack.system.RunInterruptedException;
import devstack.system.UnsupportedDistribution;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * A machine that only plans: every question is answered by its {@link World} as the plan has changed it so far,
 * and every change is added to the {@link Plan} instead of being made. With the real machine as its world it is
 * the dry run; with a scripted world it is the plugin test kit's recording machine. The two differ in nothing
 * else.
 */
public final class SimulatedMachine implements Machine {
    private final World world;
    private final Plan plan;
    private final PlannedFiles files;
    private final PlannedPackages packages = new PlannedPackages();
    private final PlannedProcesses processes = new PlannedProcesses();
    private final Runnable finish;
    private final Map<Path, CreatedRecord> records = new HashMap<>();
    /** Set by an interrupt: nothing more is planned or asked. */
    private volatile boolean stopped;

    /**
     * @param finish what to do when the run is over (the dry run prints its summary)
     */
    public SimulatedMachine(World world, Plan plan, Runnable finish) {
        this.world = world;
        this.plan = plan;
        this.files = new PlannedFiles(world, plan);
        this.finish = finish;
    }

    public Plan plan() {
        return plan;
    }

    @Override
    public OsRelease os() {
        return world.os();
    }

    @Override
    public Privilege privilege() {
        return world.privilege();
    }

    @Override
    public Commands commands() {
        return new Commands() {
            @Override
            public CommandResult run(List<String> argv, Map<String, String> environment) {
                refuseIfStopped(argv);
                String shell = ShellText.shellCommand(argv);
                plan.add(Plan.Kind.RUN, String.join(" ", argv), shell == null ? ""
                        : ShellText.expand(shell, environment));
                return world.answer(argv);
            }

            @Override
            public CommandResult query(List<String> argv, Map<String, String> environment) {
                refuseIfStopped(argv);
                return world.query(argv, environment);
            }

            @Override
            public byte[] readBytes(List<String> argv) {
                refuseIfStopped(argv);
                return world.readBytes(argv);
            }

            /** Nothing runs but the world's queries; after an interrupt, neither they nor the plan go on. */
            @Override
            public void stopRunning() {
                stopped = true;
            }

            @Override
            public boolean stopped() {
                return stopped;
            }

            private void refuseIfStopped(List<String> argv) {
                if (stopped) {
                    throw new RunInterruptedException(String.join(" ", argv));
                }
            }
        };
    }

    @Override
    public Machine.Files files() {
        return files;
    }

    @Override
    public PackageManager packages() {
        return packages;
    }

    @Override
    public Processes processes() {
        return processes;
    }

    @Override
    public Git git() {
        return request -> {
            GitClone.Action action = GitClone.decide(request.who(), request.remote(), request.dest(), request.ref(),
                    GitClone.state(files, request.dest()), request.options());
            if (action == GitClone.Action.KEEP) {
                return request.dest();
            }
            if (action == GitClone.Action.REPLACE) {
                files.delete(request.dest());
            }
            plan.add(Plan.Kind.CLONE, request.dest().toString(), request.remote() + " " + request.ref()
                    + (action == GitClone.Action.UPDATE ? " (update)" : ""));
            Path copy = world.checkout(request);
            if (!copy.equals(request.dest())) {
                files.mount(request.dest(), copy);
            }
            return copy;
        };
    }

    @Override
    public Network network() {
        return new Network() {
            @Override
            public void download(URI url, Path target, Proxies proxies) {
                plan.add(Plan.Kind.DOWNLOAD, target.toString(), url.toString());
                files.write(target, new byte[0], OptionalInt.empty(), false);
            }

            @Override
            public boolean waitForAnswer(URI url, Duration timeout, IntConsumer tried) {
                if (world.answers(url)) {
                    tried.accept(200);
                    return true;
                }
                // The plan goes on as the real run does once the planned services answer.
                plan.add(Plan.Kind.WAIT, url.toString(), "up to " + timeout.toSeconds() + " s");
                return true;
            }
        };
    }

    @Override
    public Accounts accounts() {
        return (user, group) -> plan.add(Plan.Kind.ADD_TO_GROUP, user, group);
    }

    /** Nothing is changed, so there is nothing to lock. */
    @Override
    public AutoCloseable lock(Path dest, Path serviceDir) {
        return () -> { };
    }

    /** Nothing is written: the run has no log file. */
    @Override
    public Optional<RunLog> openLog(Path logfile, String suffix, int days, Clock clock) {
        return Optional.empty();
    }

    /** The world's record, with the plan's additions and removals kept in memory. */
    @Override
    public synchronized CreatedRecord created(Path dest) {
        return records.computeIfAbsent(dest.toAbsolutePath().normalize(), d -> {
            List<String> lines = new ArrayList<>(world.read(d.resolve(CreatedRecord.FILE_NAME), false)
                    .map(b -> new String(b, StandardCharsets.UTF_8).lines().toList()).orElse(List.of()));
            return new CreatedRecord(new CreatedRecord.Store() {
                @Override
                public List<String> read() {
                    return List.copyOf(lines);
                }

                @Override
                public void append(String line) {
                    lines.add(line);
                }

                @Override
                public void write(List<String> kept) {
                    lines.clear();
                    lines.addAll(kept);
                }
            });
        });
    }

    @Override
    public void appendErrorLog(Path logDir, String line) {
        plan.addErrorLog(line);
    }

    @Override
    public void enterPhase(String phase) {
        files.endPhase(plan.phase());
        plan.enter(phase);
    }

    @Override
    public void finish() {
        files.endPhase(plan.phase());
        finish.run();
    }

    @Override
    public void close() {
        world.close();
    }

    /** Installed packages: the world's, with the plan's installs and removals. */
    private final class PlannedPackages implements PackageManager {
        private final Set<String> installed = new HashSet<>();
        private final Set<String> removed = new HashSet<>();

        /** The same refusal as the real machine's on a distribution it has no package manager for. */
        @Override
        public void requireSupport(String operation) {
            OsRelease os = world.os();
            if (!os.isUbuntu() && !os.isFedora()) {
                new UnsupportedDistribution(os).requireSupport(operation);
            }
        }

        @Override
        public synchronized Set<String> installed(Collection<String> names) {
            Set<String> result = new LinkedHashSet<>(world.installed(names));
            result.removeAll(removed);
            names.stream().filter(installed::contains).forEach(result::add);
            return result;
        }

        @Override
        public synchronized void install(Collection<String> names, Proxies proxies) {
            plan.add(Plan.Kind.INSTALL, String.join(" ", names), "");
            installed.addAll(names);
            removed.removeAll(names);
        }

        @Override
        public synchronized void uninstall(Collection<String> names, Proxies proxies) {
            plan.add(Plan.Kind.REMOVE, String.join(" ", names), "");
            removed.addAll(names);
            installed.removeAll(names);
        }

        @Override
        public void updateRepositories(Proxies proxies) {
            plan.add(Plan.Kind.UPDATE_REPOSITORIES, "", "");
        }
    }

    /** Service processes: the world's records, with the plan's starts and stops. */
    private final class PlannedProcesses implements Processes {
        /** Service → whether its process runs, as far as the plan changed it; per SERVICE_DIR. */
        private final Map<Path, Map<String, Boolean>> planned = new LinkedHashMap<>();
        private final List<String> commands = new ArrayList<>();

        private synchronized Map<String, Boolean> services(Path serviceDir) {
            return planned.computeIfAbsent(serviceDir.toAbsolutePath().normalize(),
                    dir -> new LinkedHashMap<>(world.services(dir)));
        }

        @Override
        public synchronized void start(String service, ProcessCommand command, Path serviceDir, Path logDir) {
            ProcessSupervisor.checkName("run_process", service);
            for (Map.Entry<String, Path> dir : Map.of("SERVICE_DIR", serviceDir, "LOGDIR", logDir).entrySet()) {
                if (dir.getValue().toString().isEmpty()) {
                    throw new ProcessFailedException("run_process " + service + ": " + dir.getKey() + " is empty",
                            "set " + dir.getKey() + " to a directory, or leave it unset");
                }
            }
            if (Boolean.TRUE.equals(services(serviceDir).get(service))) {
                plan.add(Plan.Kind.STOP, service, "to start it anew");
            }
            plan.add(Plan.Kind.START, service, command.command());
            services(serviceDir).put(service, true);
            commands.add(command.command());
        }

        @Override
        public synchronized boolean stop(String service, Path serviceDir) {
            ProcessSupervisor.checkName("stop_process", service);
            Map<String, Boolean> services = services(serviceDir);
            if (!services.containsKey(service)) {
                return false;
            }
            boolean running = services.remove(service);
            if (running) {
                plan.add(Plan.Kind.STOP, service, "");
            }
            return running;
        }

        @Override
        public synchronized List<String> stopAll(Path serviceDir) {
            List<String> stopped = new ArrayList<>();
            for (String service : new ArrayList<>(services(serviceDir).keySet())) {
                if (stop(service, serviceDir)) {
                    stopped.add(service);
                }
            }
            return stopped;
        }

        @Override
        public synchronized void check(Path serviceDir, Predicate<String> enabled) {
            List<String> dead = services(serviceDir).entrySet().stream()
                    .filter(e -> !e.getValue() && enabled.test(e.getKey())).map(Map.Entry::getKey).toList();
            if (!dead.isEmpty()) {
                throw new ProcessFailedException("service_check: " + (dead.size() == 1 ? "a service has"
                        : dead.size() + " services have") + " died: " + String.join(", ", dead), List.of(),
                        "fix the cause shown in the log, then stack again; unstack stops what is left of them");
            }
        }

        @Override
        public synchronized boolean isRunning(String name) {
            return world.isRunning(name) || commands.stream().anyMatch(c -> c.contains(name));
        }
    }
}
