package devstack.cli

import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * What does not run plugins does not start Groovy: help, versions and usage errors answer from picocli alone, and
 * picocli builds the model of the command named only. Each case runs the program in a JVM of its own and lists
 * the classes it loaded.
 */
class LazyStartSpec extends Specification {
    static final List<String> COMMANDS = ['devstack.cli.StackCommand', 'devstack.cli.UnstackCommand',
                                          'devstack.cli.CleanCommand', 'devstack.cli.PluginsCommand']

    @TempDir
    Path dir

    /** The classes a fresh JVM loaded to run the program with {@code args}, and its exit code. */
    private static Map loadedClasses(String... args) {
        def command = ['java', '-verbose:class', '-cp', System.getProperty('java.class.path'), 'devstack.cli.Main'] +
                args.toList()
        def process = new ProcessBuilder(command).redirectErrorStream(true).start()
        def lines = process.inputStream.readLines()
        assert process.waitFor(5, TimeUnit.MINUTES)
        [exit  : process.exitValue(),
         loaded: lines.findAll { it.contains('[class,load]') }.collect { it.split(' ')[1] }]
    }

    def "#argv starts no Groovy"() {
        when:
        def run = loadedClasses(*argv)

        then:
        run.exit == exit
        run.loaded.contains('devstack.cli.DevstackCommand')
        run.loaded.findAll { it.startsWith('groovy.') || it.startsWith('org.codehaus.groovy.') } == []

        where:
        argv                       | exit
        ['--help']                 | 0
        ['stack', '--help']        | 0
        ['unstack', '--version']   | 0
        ['help', 'clean']          | 0
        []                         | 2
        ['restack']                | 2
        ['stack', '--frobnicate']  | 2
    }

    def "#argv answers from the build's record alone: no command line model, no Groovy"() {
        when:
        def run = loadedClasses(*argv)

        then:
        run.exit == 0
        run.loaded.contains('devstack.cli.BuildVersion')
        run.loaded.findAll { it in ['picocli.CommandLine', 'devstack.cli.DevstackCommand'] } == []
        run.loaded.findAll { it.startsWith('groovy.') || it.startsWith('org.codehaus.groovy.') } == []

        where:
        argv << [['--version'], ['-V']]
    }

    def "#argv builds the commands it names and no other"() {
        when:
        def run = loadedClasses(*argv)

        then:
        run.exit == 0
        run.loaded.findAll { it in COMMANDS } == built

        where:
        argv                   | built
        ['--version']          | []
        ['stack', '--version'] | ['devstack.cli.StackCommand']
        ['plugins', '--help']  | ['devstack.cli.PluginsCommand']
        ['--help']             | COMMANDS
    }

    def "a run that does run plugins starts it (the check above can see Groovy)"() {
        given:
        def tree = new Tree(dir).probeHook()
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = loadedClasses('unstack', '--top-dir', tree.root.toString())

        then:
        run.exit == 0
        run.loaded.contains('groovy.lang.GroovySystem')
    }
}
