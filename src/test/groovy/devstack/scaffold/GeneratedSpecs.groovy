package devstack.scaffold

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder
import org.junit.platform.launcher.core.LauncherFactory
import org.junit.platform.launcher.listeners.SummaryGeneratingListener

import java.nio.file.Path
import java.util.concurrent.TimeUnit

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass

/**
 * Runs generated Spock specifications as Maven's surefire would: in a JVM of their own whose working directory is
 * the tree, so that a spec's {@code 'extras.d/70-foo.groovy'} is the tree's file, on this build's test classpath
 * (the kit, Groovy, Spock, the JUnit Platform launcher).
 */
class GeneratedSpecs {
    /** What the run printed (failures and a summary line) and how it ended: 0 when every test passed. */
    static Map run(Path workingDirectory, String... specFiles) {
        // The C1 compiler alone: a short-lived JVM starts about twice as fast with it.
        def command = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-XX:TieredStopAtLevel=1',
                       '-cp', System.getProperty('java.class.path'),
                       GeneratedSpecs.name] + specFiles.toList()
        def process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start()
        def output = new StringBuilder()
        def reader = Thread.start { output << process.inputStream.text }
        // A safety net only: the run takes seconds.
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly()
        }
        reader.join()
        [exit: process.exitValue(), output: output.toString()]
    }

    /** The other JVM: compiles the spec files given and runs them; exits 0 only when tests ran and none failed. */
    static void main(String[] args) {
        def loader = new GroovyClassLoader(GeneratedSpecs.classLoader)
        def classes = args.collect { loader.parseClass(new File(it)) }
        def request = LauncherDiscoveryRequestBuilder.request().selectors(classes.collect { selectClass(it) }).build()
        def listener = new SummaryGeneratingListener()
        LauncherFactory.create().execute(request, listener)
        def summary = listener.summary
        def out = new PrintWriter(System.out)
        summary.printFailuresTo(out, 5)
        out.println("tests: ${summary.testsSucceededCount} succeeded, ${summary.totalFailureCount} failed")
        out.flush()
        System.exit(summary.totalFailureCount == 0 && summary.testsSucceededCount > 0 ? 0 : 1)
    }
}
