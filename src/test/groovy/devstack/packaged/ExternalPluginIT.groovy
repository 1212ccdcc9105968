package devstack.packaged

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * An external plugin as a plugin author gets it: the packaged program writes it, Maven tests it with the plugin test
 * kit from this build, and the spec catches a change of behaviour. Maven runs with a temporary local repository
 * (the kit is installed there, never into ~/.m2) whose only remote is the user's ~/.m2/repository as a file://
 * mirror of every repository: no network.
 */
@Stepwise
@Requires({ ExternalPluginIT.MVN != null && Files.isDirectory(ExternalPluginIT.USER_REPOSITORY) })
class ExternalPluginIT extends Specification {
    static final Path PROJECT = Path.of('').toAbsolutePath()
    static final Path USER_REPOSITORY = Path.of(System.getProperty('user.home'), '.m2', 'repository')
    static final String MVN = System.getenv('PATH').split(File.pathSeparator).collect { Path.of(it, 'mvn') }
            .find { Files.isExecutable(it) }?.toString()

    @TempDir
    @Shared
    Path dir

    @Shared
    List<String> devstackInUserRepository

    Path getPlugin() { dir.resolve('my-svc') }

    Path getRepository() { dir.resolve('repository') }

    /** Runs a command in {@code workingDirectory}, output merged; returns its exit code and output. */
    Map run(Path workingDirectory, List<String> command) {
        Path log = Files.createTempFile(dir, 'run', '.log')
        long started = System.nanoTime()
        def builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile())
        // Short-lived JVMs start about twice as fast with the C1 compiler alone (Maven's, and with argLine below,
        // the test JVM's): it keeps this IT near a minute on a busy 2-core machine.
        builder.environment().put('MAVEN_OPTS', '-XX:TieredStopAtLevel=1')
        def process = builder.start()
        // A safety net only.
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(1, java.util.concurrent.TimeUnit.MINUTES)
        }
        println String.format('%.1f s: %s', (System.nanoTime() - started) / 1e9, command.take(8).join(' '))
        [exit: process.exitValue(), output: Files.readString(log)]
    }

    /** Maven with the temporary local repository and the file:// mirror. */
    List<String> mvn(String... args) {
        [MVN, '-B', '-s', dir.resolve('settings.xml').toString(), "-Dmaven.repo.local=$repository".toString(),
         '-DargLine=-XX:TieredStopAtLevel=1'] + args.toList()
    }

    static List<String> listing(Path path) {
        if (!Files.exists(path)) {
            return []
        }
        Files.walk(path).withCloseable { paths ->
            paths.map { "$it ${Files.getLastModifiedTime(it)}".toString() }.sorted().toList()
        }
    }

    def "the packaged program writes an external plugin"() {
        given:
        devstackInUserRepository = listing(USER_REPOSITORY.resolve('org/devstack'))

        when:
        def result = run(dir, ['java', '-jar', PROJECT.resolve('target/devstack.jar').toString(), 'new-plugin',
                               '--external', plugin.toString(), 'my-svc'])

        then:
        result.exit == 0
        Files.isRegularFile(plugin.resolve('pom.xml'))
        Files.isRegularFile(plugin.resolve('src/test/groovy/MySvcPluginSpec.groovy'))
    }

    def "the kit (the packaged jar with this pom) goes into a temporary local repository, offline"() {
        given:
        Files.writeString(dir.resolve('settings.xml'), """<settings>
  <mirrors>
    <mirror>
      <id>user-repository</id>
      <mirrorOf>*</mirrorOf>
      <url>${USER_REPOSITORY.toUri()}</url>
    </mirror>
  </mirrors>
</settings>
""")

        when:
        def result = run(PROJECT, mvn('-q', 'org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file',
                "-Dfile=${PROJECT.resolve('target/devstack.jar')}".toString(),
                "-DpomFile=${PROJECT.resolve('pom.xml')}".toString()))

        then:
        result.exit == 0
        Files.isDirectory(repository.resolve('org/devstack/devstack-groovy'))
    }

    def "mvn -B test passes in the new plugin: its spec runs the plugin with the kit"() {
        when:
        def result = run(plugin, mvn('test'))

        then:
        result.exit == 0
        result.output =~ /Tests run: \d+, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in MySvcPluginSpec/
        result.output.contains('BUILD SUCCESS')
    }

    def "a plugin that installs another package fails its spec"() {
        given:
        Path lib = plugin.resolve('devstack/lib/my-svc.groovy')
        String before = Files.readString(lib)
        Files.writeString(lib, before.replace('''def install_my_svc() {
''', '''def install_my_svc() {
    install_package 'cowsay'
'''))
        assert Files.readString(lib) != before

        when:
        def result = run(plugin, mvn('-o', 'test'))

        then:
        result.exit != 0
        result.output.contains('BUILD FAILURE')
        result.output =~ /Tests run: \d+, Failures: [1-9]/
        result.output.contains("stack installs the plugin's packages, and nothing else")
        result.output.contains('cowsay')
    }

    def "nothing was installed into the user's local repository"() {
        expect:
        listing(USER_REPOSITORY.resolve('org/devstack')) == devstackInUserRepository
    }
}
