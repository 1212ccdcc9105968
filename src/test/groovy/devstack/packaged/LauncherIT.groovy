package devstack.packaged

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * bin/devstack as users meet it: the version from every wrapper, clean answers to bad usage, what it says while it
 * builds, no escape codes for TERM=dumb, and a JVM that starts from the class-data archive a previous run left.
 * The runs share a class cache and archive of the spec's own (DEVSTACK_CACHE_DIR), except those about the archive,
 * which have one each; an archive being built in the background is waited for before its directory goes.
 */
class LauncherIT extends Specification {
    static final Path PROJECT = Path.of('').toAbsolutePath()
    static final String ESC = '\u001b'

    @TempDir
    @Shared
    Path shared

    @TempDir
    Path dir

    def cleanup() {
        [dir, shared].each { waitForArchive(it.resolve('cache')) }
    }

    /** Waits (at most 10 minutes) until no archive is being built for {@code cache}. */
    static void waitForArchive(Path cache) {
        Path lock = cache.resolve('jvm/training.lock')
        if (Files.exists(lock)) {
            def flock = new ProcessBuilder('flock', '-w', '600', lock.toString(), 'true').start()
            assert flock.waitFor(11, TimeUnit.MINUTES) && flock.exitValue() == 0
        }
    }

    /** Runs {@code command} in {@code directory} with the spec's own cache; output and exit code. */
    Map run(Map<String, String> env = [:], Path directory = PROJECT, List<String> command) {
        def builder = new ProcessBuilder(command).directory(directory.toFile())
        builder.environment().putAll([DEVSTACK_CACHE_DIR: shared.resolve('cache').toString()] + env)
        def process = builder.start()
        def err = new StringBuilder()
        def errReader = process.consumeProcessErrorStream(err)
        def out = process.inputStream.text
        assert process.waitFor(15, TimeUnit.MINUTES)
        errReader.join(60_000)
        [exit: process.exitValue(), out: out, err: err.toString()]
    }

    /** Runs {@code command} on a terminal (script(1) gives it one) with {@code env}; what the terminal got. */
    Map onTerminal(Map<String, String> env, String command) {
        run(env, ['script', '--quiet', '--return', '--command', command, '/dev/null'])
    }

    def "#wrapper --version prints the version"() {
        when:
        def result = run([PROJECT.resolve(wrapper).toString(), '--version'])

        then:
        result.exit == 0
        result.out.readLines()[0] ==~ /devstack \d+\.\d+.*/
        result.out.readLines()[1] ==~ /Java \d+.*, Groovy \d+\..*/

        where:
        wrapper << ['stack.sh', 'unstack.sh', 'clean.sh', 'bin/devstack']
    }

    def "bin/devstack #argv answers as the program does, without the wrappers' tree in the way"() {
        when:
        def result = run(['bin/devstack'] + argv)

        then:
        result.exit == exit
        (result.exit == 0 ? result.out : result.err).contains(says)
        // What an appended "--top-dir DIR" made of these: an argument the command never asked for.
        !(result.out + result.err).contains("'--top-dir'")
        !(result.out + result.err).contains("'$PROJECT'")

        where:
        argv              | exit | says
        []                | 2    | 'Missing subcommand: say stack, unstack, clean, plugins, check'
        ['help']          | 0    | 'Usage: devstack [-hV] [COMMAND]'
        ['help', 'stack'] | 0    | 'Usage: devstack stack'
        ['bogus']         | 2    | "Unmatched argument at index 0: 'bogus'"
        ['stack', '-x']   | 2    | "Unknown option: '-x'"
    }

    def "the tree is the wrappers' own, unless --top-dir names another"() {
        given:
        Path other = dir.resolve('other')
        Files.createDirectories(other.resolve('extras.d'))
        Files.writeString(other.resolve('extras.d/70-other.groovy'), "echo_summary 'other'\n")
        Files.writeString(other.resolve('local.conf'), "[[local|localrc]]\nDEST=${dir.resolve('dest')}\n")

        when:
        def own = run(['bin/devstack', 'plugins'])
        def named = run(['bin/devstack', 'plugins', '--top-dir', other.toString()])

        then:
        own.exit == 0
        own.out.contains('extras.d/50-template.groovy')
        named.exit == 0
        named.out.contains('extras.d/70-other.groovy')
        !named.out.contains('50-template')
    }

    def "help on a terminal is coloured, except for TERM=dumb and NO_COLOR (#env)"() {
        when:
        def result = onTerminal(env, 'bin/devstack --help')

        then:
        result.exit == 0
        result.out.contains('Usage:')
        result.out.contains(ESC) == coloured

        where:
        env                              | coloured
        [TERM: 'xterm']                  | true
        [TERM: 'dumb']                   | false
        [TERM: 'xterm', NO_COLOR: '1']   | false
    }

    def "a run on a terminal redraws its status line, except for TERM=dumb (#term)"() {
        given:
        Path tree = dir.resolve('tree')
        Files.createDirectories(tree.resolve('extras.d'))
        Files.writeString(tree.resolve('extras.d/50-slow.groovy'), "if (\$1 == 'unstack') { sh 'sleep 2' }\n")
        Files.writeString(tree.resolve('local.conf'), "[[local|localrc]]\nDEST=${dir.resolve('dest')}\n"
                + "ENABLED_SERVICES=\nVERBOSE=False\n")

        when:
        def result = onTerminal([TERM: term], "bin/devstack unstack --top-dir $tree")

        then:
        result.exit == 0
        result.out.contains('unstack.sh completed in')
        result.out.contains(ESC) == statusLine

        where:
        term    | statusLine
        'xterm' | true
        'dumb'  | false
    }

    @Requires({ System.getProperty('user.name') == 'root' })
    def "no archive directory is made inside a directory of another user, and the run works"() {
        given:
        Path home = Files.createDirectories(dir.resolve('home/alice'))
        assert new ProcessBuilder('chown', 'nobody', home.toString()).start().exitCode() == 0

        when:
        def result = run([DEVSTACK_CACHE_DIR: home.resolve('.cache/devstack').toString()],
                ['bin/devstack', '--version'])

        then:
        result.exit == 0
        result.out.startsWith('devstack ')
        !Files.exists(home.resolve('.cache'))
    }

    def "the packaged program answers --version without loading a Groovy class"() {
        when:
        def result = run(['java', '-verbose:class', '-jar', 'target/devstack.jar', '--version'])

        then:
        result.exit == 0
        result.out.contains('devstack.cli.BuildVersion')
        !result.out.contains('groovy.lang.GroovySystem')
        result.out.readLines().findAll { it =~ /\[class,load\] (groovy|org\.codehaus\.groovy)\./ } == []
    }

    def "on #jdk, the second run starts from the archive the first left, and #damage only costs time"() {
        given:
        def env = [JAVA_HOME: jdk, DEVSTACK_CACHE_DIR: dir.resolve('cache').toString()]
        Path jvm = dir.resolve('cache/jvm')

        when: 'the first run'
        def first = run(env, ['bin/devstack', '--version'])
        waitForArchive(dir.resolve('cache'))
        def archives = Files.list(jvm).withCloseable { it.toList() }.findAll { it.toString() =~ /\.(jsa|aot)$/ }

        then: 'it left an archive for this jar and JDK'
        first.exit == 0
        archives.size() == 1

        when: 'the next run'
        def next = run(env, ['bin/devstack', 'stack', '--top-dir', mapsTree().toString()])

        then: 'the JVM has the archive mapped'
        next.exit == 0
        next.out.contains("mapped: ${archives[0]}")

        when: 'the archive is damaged'
        archives[0].toFile().setWritable(true)
        damaging(archives[0])
        def damaged = run(env, ['bin/devstack', 'stack', '--top-dir', mapsTree().toString()])

        then: 'the run works as without one, and says nothing about it'
        damaged.exit == 0
        damaged.out.contains('stack.sh completed in')
        !damaged.out.contains("mapped: ${archives[0]}")
        damaged.err == ''

        where:
        [jdk, damage, damaging] << [jdks(), [
                ['an archive cut short', { Path a -> Files.write(a, Arrays.copyOf(Files.readAllBytes(a), 100_000)) }],
                ['an archive of zeros', { Path a -> Files.write(a, new byte[(int) Files.size(a)]) }]]]
                .combinations().collect { it.flatten() }
    }

    @Requires({ LauncherIT.jdks().any { LauncherIT.major(it) >= 24 } })
    def "on #jdk, only the commands that run plugins start with the AOT cache, which would slow the others down"() {
        given: 'the shared cache of the spec, whose archive for this JDK other runs may have left already'
        def env = [JAVA_HOME: jdk]
        run(env, ['bin/devstack', '--version'])
        waitForArchive(shared.resolve('cache'))
        def flags = env + [JDK_JAVA_OPTIONS: '-XX:+PrintCommandLineFlags']

        when:
        def version = run(flags, ['bin/devstack', '--version'])
        def stack = run(flags, ['bin/devstack', 'stack', '--top-dir', mapsTree().toString()])

        then:
        version.exit == 0
        !version.out.contains('-XX:AOTCache=')
        stack.exit == 0
        stack.out.contains('-XX:AOTCache=')
        stack.out.contains("mapped: ${shared.resolve('cache/jvm')}")

        where:
        jdk << jdks().findAll { major(it) >= 24 }
    }

    /** A tree whose hook prints which class-data archive the JVM has mapped. */
    Path mapsTree() {
        Path tree = dir.resolve('maps')
        Files.createDirectories(tree.resolve('extras.d'))
        Files.writeString(tree.resolve('extras.d/50-maps.groovy'), '''
if ($1 == 'source') {
    new File('/proc/self/maps').readLines().collect { it.split(/\\s+/, 6) }.findAll { it.size() == 6 }
            .collect { it[5] }.findAll { it.endsWith('.jsa') || it.endsWith('.aot') }.unique()
            .each { echo_summary "mapped: $it" }
}
''')
        Files.writeString(tree.resolve('local.conf'), "[[local|localrc]]\nDEST=${dir.resolve('dest')}\n"
                + "ENABLED_SERVICES=\nVERBOSE=False\n")
        tree
    }

    def "on #jdk, a run with JFR switched on through JDK_JAVA_OPTIONS works"() {
        given:
        def env = [JAVA_HOME: jdk, DEVSTACK_CACHE_DIR: dir.resolve('cache').toString()]
        run(env, ['bin/devstack', '--version'])
        waitForArchive(dir.resolve('cache'))

        when:
        String jfr = "-XX:StartFlightRecording:filename=${dir.resolve('run.jfr')}"
        def result = run(env + [JDK_JAVA_OPTIONS: jfr], ['bin/devstack', 'stack', '--top-dir', mapsTree().toString()])

        then:
        result.exit == 0
        result.out.contains('stack.sh completed in')

        where:
        jdk << jdks()
    }

    /** The JDKs of 17 or later installed here. */
    static List<String> jdks() {
        Files.list(Path.of('/usr/lib/jvm')).withCloseable { it.toList() }
                .findAll { !Files.isSymbolicLink(it) && Files.isExecutable(it.resolve('bin/java')) }
                .findAll { major(it.toString()) >= 17 }
                .collect { it.toString() }
    }

    /** The feature release of the JDK at {@code home}, from its release file. */
    static int major(String home) {
        (Files.readString(Path.of(home, 'release')) =~ /JAVA_VERSION="(\d+)/)[0][1] as int
    }

    def "the first build says that it is building and where its log is"() {
        given: 'a copy of the sources that was never built'
        Path copy = shared.resolve('unbuilt')
        Files.createDirectories(copy)
        // docs/ too: the build writes the IDE file from the settings and helpers they describe.
        assert new ProcessBuilder('cp', '-r', 'pom.xml', 'src', 'bin', 'docs', 'stack.sh', copy.toString())
                .directory(PROJECT.toFile()).start().exitCode() == 0
        Files.walk(copy.resolve('src/test')).withCloseable { it.sorted(Comparator.reverseOrder()).toList() }
                .each { Files.delete(it) }

        when:
        def result = run([DEVSTACK_CACHE_DIR: dir.resolve('cache').toString()], copy, ['./stack.sh', '--version'])

        then:
        result.exit == 0
        result.err.readLines()[0] == "devstack: building the program (mvn package; the first build takes a minute or " +
                "two), log in $copy/target/build.log"
        Files.readString(copy.resolve('target/build.log')).contains('BUILD SUCCESS')
        result.out.startsWith('devstack ')

        when: 'the next run'
        def again = run([DEVSTACK_CACHE_DIR: dir.resolve('cache').toString()], copy, ['./stack.sh', '--version'])

        then: 'builds nothing'
        again.exit == 0
        again.err == ''
    }
}
