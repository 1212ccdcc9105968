package devstack.plugin

import devstack.script.PluginScript
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * The class cache: an unchanged plugin is not compiled again by the next run; anything that decides its class
 * files changes its key; a damaged, foreign or half-written entry is never loaded; a directory others could write
 * to is not used.
 */
class ClassCacheSpec extends Specification {
    @TempDir
    Path dir

    List<String> notes = Collections.synchronizedList([])

    /** A base class with one more public helper than PluginScript: another helper API. */
    static abstract class WiderScript extends PluginScript {
        String one_more_helper() { '' }
    }

    private Path getCacheDir() { dir.resolve('cache/classes') }

    /** A compiler as one run makes it: a fresh one per run, sharing the cache directory. */
    private PluginCompiler run() {
        new PluginCompiler(PluginScript, ClassCache.in(cacheDir, { notes << it }))
    }

    private PluginSource hook(String name, String text) {
        Path path = dir.resolve('tree/extras.d').resolve(name)
        Files.createDirectories(path.parent)
        Files.writeString(path, text)
        new PluginSource(PluginKind.HOOK, path, "extras.d/$name")
    }

    private List<Path> entries() {
        Files.isDirectory(cacheDir) ? Files.list(cacheDir).withCloseable { it.toList() } : []
    }

    private static Object call(CompiledPlugin plugin, String function) {
        plugin.scriptClass().getDeclaredConstructor().newInstance().invokeMethod(function, null)
    }

    def "an unchanged plugin is taken from the cache by the next run, not compiled again"() {
        given:
        def source = hook('10-a.groovy', 'def greet() { [1, 2].collect { it * 2 }.join(",") }\n')

        when:
        def first = run()
        def compiled = first.compile(source)
        def second = run()
        def cached = second.compile(source)

        then:
        first.compiledFiles() == 1
        second.compiledFiles() == 0
        cached.functions() == ['greet'] as Set
        call(cached, 'greet') == '2,4'
        cached.scriptClass() != compiled.scriptClass()
        entries().size() == 1
        notes.isEmpty()
    }

    def "a plugin whose text changed is compiled again"() {
        given:
        def source = hook('10-a.groovy', 'def value() { 1 }\n')
        run().compile(source)

        when:
        Files.writeString(source.path(), 'def value() { 2 }\n')
        def next = run()
        def plugin = next.compile(source)

        then:
        next.compiledFiles() == 1
        call(plugin, 'value') == 2
    }

    def "the compiler's fingerprint changes with #change"() {
        given:
        def baseline = CompilerFingerprint.of(configuration(), PluginScript)

        expect:
        CompilerFingerprint.of(changed(configuration()), base) != baseline
        CompilerFingerprint.of(configuration(), PluginScript) == baseline

        where:
        change                   | changed                                                                   | base
        'the class-file target'  | { CompilerConfiguration c -> c.targetBytecode = '11'; c }                 | PluginScript
        'a customizer'           | { CompilerConfiguration c -> c.addCompilationCustomizers(new ImportCustomizer()); c } | PluginScript
        'a compiler option'      | { CompilerConfiguration c -> c.optimizationOptions.put('int', false); c } | PluginScript
        'the base script class'  | { CompilerConfiguration c -> c }                                          | WiderScript
    }

    def "the helper API digest changes when a public helper is added"() {
        expect:
        CompilerFingerprint.helperApi(WiderScript) != CompilerFingerprint.helperApi(PluginScript)
        CompilerFingerprint.helperApi(PluginScript) == CompilerFingerprint.helperApi(PluginScript)
    }

    def "the key changes with the fingerprint, the class name and the text"() {
        given:
        def key = ClassCache.key('fingerprint', '10-a.groovy', 'text')

        expect:
        !Arrays.equals(ClassCache.key(*parts), key)
        Arrays.equals(ClassCache.key('fingerprint', '10-a.groovy', 'text'), key)

        where:
        parts << [['fingerprint 2', '10-a.groovy', 'text'], ['fingerprint', '10-a_2.groovy', 'text'],
                  ['fingerprint', '10-a.groovy', 'text '], ['fingerprint10-a.groovy', '', 'text']]
    }

    /** The configuration PluginCompiler starts from. */
    private static CompilerConfiguration configuration() {
        def configuration = new CompilerConfiguration()
        configuration.scriptBaseClass = PluginScript.name
        configuration.sourceEncoding = 'UTF-8'
        configuration
    }

    def "an entry that is #damage is ignored, compiled again and replaced by a sound one"() {
        given:
        def source = hook('10-a.groovy', 'def value() { "kept" }\n')
        def other = hook('20-b.groovy', 'def value() { "other" }\n')
        run().compile(source)
        Path entry = entries().first()
        run().compile(other)
        Path otherEntry = entries().find { it != entry }
        damaging(entry, otherEntry)

        when:
        def next = run()
        def plugin = next.compile(source)

        then:
        next.compiledFiles() == 1
        call(plugin, 'value') == 'kept'
        notes.any { it.startsWith("class cache: ignored $entry: ") }

        when:
        def after = run()
        after.compile(source)

        then:
        after.compiledFiles() == 0

        where:
        damage                  | damaging
        'cut short'             | { Path e, Path o -> Files.write(e, Arrays.copyOf(Files.readAllBytes(e), (int) (Files.size(e) / 2))) }
        'changed by one byte'   | { Path e, Path o -> byte[] b = Files.readAllBytes(e); b[b.length - 10] ^= 1; Files.write(e, b) }
        'another key\'s entry'  | { Path e, Path o -> Files.copy(o, e, java.nio.file.StandardCopyOption.REPLACE_EXISTING) }
        'not an entry at all'   | { Path e, Path o -> Files.writeString(e, 'class files, honest') }
        'empty'                 | { Path e, Path o -> Files.write(e, new byte[0]) }
    }

    def "an entry that its group or others may write is never loaded"() {
        given:
        def source = hook('10-a.groovy', 'def value() { 1 }\n')
        run().compile(source)
        Files.setPosixFilePermissions(entries().first(), PosixFilePermissions.fromString('rw-rw-rw-'))

        when:
        def next = run()
        next.compile(source)

        then:
        next.compiledFiles() == 1
        notes.any { it.contains('ignored') && it.contains('not a file of this user') }
    }

    @Requires({ System.getProperty('user.name') == 'root' })
    def "an entry that belongs to another user is never loaded"() {
        given:
        def source = hook('10-a.groovy', 'def value() { 1 }\n')
        run().compile(source)
        Path entry = entries().first()
        assert new ProcessBuilder('chown', 'nobody', entry.toString()).start().exitCode() == 0

        when:
        def next = run()
        next.compile(source)

        then:
        next.compiledFiles() == 1
        notes.any { it.contains("ignored $entry") }
    }

    def "a cache directory that #who could write to is not used"() {
        given:
        Files.createDirectories(cacheDir)
        unsafe(cacheDir)
        def source = hook('10-a.groovy', 'def value() { 1 }\n')

        when:
        def runs = [run(), run()]
        runs.each { it.compile(source) }

        then:
        runs*.compiledFiles() == [1, 1]
        entries().isEmpty()
        notes.size() == 2
        notes.every { it.startsWith('class cache not used: ') && it.contains(reason) }

        where:
        who                              | unsafe                                                                      | reason
        'others'                         | { Path c -> Files.setPosixFilePermissions(c, PosixFilePermissions.fromString('rwxrwxrwx')) } | 'writable by its group or others'
        'others, through its parent,'    | { Path c -> Files.setPosixFilePermissions(c.parent, PosixFilePermissions.fromString('rwxrwxrwx')) } | 'writable by its group or others'
    }

    @Requires({ System.getProperty('user.name') == 'root' })
    def "a cache directory that belongs to another user is not used"() {
        given:
        Files.createDirectories(cacheDir)
        assert new ProcessBuilder('chown', 'nobody', cacheDir.toString()).start().exitCode() == 0
        def source = hook('10-a.groovy', 'def value() { 1 }\n')

        when:
        def next = run()
        next.compile(source)

        then:
        next.compiledFiles() == 1
        notes == ["class cache not used: $cacheDir belongs to uid 65534, not to this user (uid 0) (hint: use a "
                          + 'directory only you can write, e.g. DEVSTACK_CACHE_DIR=$HOME/.cache/devstack)']
    }

    @Requires({ System.getProperty('user.name') == 'root' })
    def "no cache directory is made inside a directory of another user (a home kept through sudo)"() {
        given:
        Path home = Files.createDirectories(dir.resolve('home/alice'))
        assert new ProcessBuilder('chown', 'nobody', home.toString()).start().exitCode() == 0
        def cache = ClassCache.in(home.resolve('.cache/devstack/classes'), { notes << it })

        expect:
        !cache.isEnabled()
        !Files.exists(home.resolve('.cache'))
        notes == ["class cache not used: $home belongs to uid 65534, who could replace what lies in it (hint: use "
                          + 'a directory only you can write, e.g. DEVSTACK_CACHE_DIR=$HOME/.cache/devstack)']
    }

    def "runs that write the same entry at the same time never let another run read half of one"() {
        given:
        def cache = ClassCache.in(cacheDir, { notes << it })
        byte[] key = ClassCache.key('fingerprint', 'big.groovy', 'text')
        def random = new Random(1)
        byte[] big = new byte[4 * 1024 * 1024]
        random.nextBytes(big)
        def classes = new CompiledClasses('Big', [Big: big, 'Big$_closure1': big[0..<1000] as byte[]])
        def pool = Executors.newFixedThreadPool(3)
        def writersDone = new CountDownLatch(2)
        int reads = 0

        when:
        2.times {
            pool.submit {
                try {
                    20.times { cache.publish(key, classes) }
                } finally {
                    writersDone.countDown()
                }
            }
        }
        def reader = pool.submit {
            while (writersDone.count > 0) {
                cache.load(key).ifPresent { reads++ }
            }
        }
        reader.get(5, TimeUnit.MINUTES)
        pool.shutdown()

        then:
        pool.awaitTermination(5, TimeUnit.MINUTES)
        reads > 0
        notes.isEmpty()
        cache.load(key).get().files().collectEntries { [it.key, it.value.toList()] } ==
                classes.files().collectEntries { [it.key, it.value.toList()] }
        entries()*.fileName*.toString() == [cache.entry(key).fileName.toString()]
    }

    def "the cache lives in #expected for #environment"() {
        expect:
        ClassCache.root(environment).map { it.toString() }.orElse(null) == expected

        where:
        environment                                                   | expected
        [DEVSTACK_CACHE_DIR: '/srv/cache', HOME: '/home/stack']       | '/srv/cache'
        [DEVSTACK_CACHE_DIR: 'off', HOME: '/home/stack']              | null
        [XDG_CACHE_HOME: '/var/cache/stack', HOME: '/home/stack']     | '/var/cache/stack/devstack'
        [XDG_CACHE_HOME: 'relative', HOME: '/home/stack']             | '/home/stack/.cache/devstack'
        [HOME: '/home/stack']                                         | '/home/stack/.cache/devstack'
    }

    def "a stack run leaves its plugins, and what its check read of them, in the cache; the next run takes them from there"() {
        given:
        def tree = new devstack.testkit.Tree(dir.resolve('run')).probeHook().probeHypervisor()
        tree.localConf('ENABLED_SERVICES=n-cpu\nVIRT_DRIVER=probe')
        def environment = [DEVSTACK_CACHE_DIR: dir.resolve('cache').toString()]

        when:
        def first = devstack.testkit.Cli.run(environment, tree.root, 'stack')
        def written = entries().collectEntries { [it, Files.getLastModifiedTime(it)] }
        def second = devstack.testkit.Cli.run(environment, tree.root, 'stack')

        then:
        first.exitCode == 0
        second.exitCode == 0
        written.size() == 4 // two plugins: the classes of each, and what the check of calls read from each
        entries().collectEntries { [it, Files.getLastModifiedTime(it)] } == written
    }

    def "a DEVSTACK_CACHE_DIR that is neither absolute nor off switches the cache off, with a note"() {
        when:
        def cache = ClassCache.forUser([DEVSTACK_CACHE_DIR: 'cache'], { notes << it })

        then:
        !cache.isEnabled()
        notes == ['class cache not used: DEVSTACK_CACHE_DIR=cache is neither an absolute path nor off']
    }
}
