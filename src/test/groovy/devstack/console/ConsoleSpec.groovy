package devstack.console

import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** The console: one writer at a time on the terminal, and a log that cannot be written ends the run once. */
@Timeout(60)
class ConsoleSpec extends Specification {
    @TempDir
    Path dir

    /** A terminal whose write of {@code blockOn} waits until released, so a spec can hold a line mid-print. */
    static class HeldTerminal extends Writer {
        final StringBuffer written = new StringBuffer()
        final String blockOn
        final CountDownLatch entered = new CountDownLatch(1)
        final CountDownLatch release = new CountDownLatch(1)
        /** What else was written while the held line was being printed. */
        final StringBuffer duringHold = new StringBuffer()
        volatile boolean holding

        HeldTerminal(String blockOn) { this.blockOn = blockOn }

        @Override
        void write(char[] chars, int off, int len) {
            String text = new String(chars, off, len)
            if (holding) {
                duringHold.append(text)
            }
            written.append(text)
            if (text.contains(blockOn)) {
                holding = true
                entered.countDown()
                release.await(30, TimeUnit.SECONDS)
                holding = false
            }
        }

        @Override
        void flush() {}

        @Override
        void close() {}
    }

    private static Set<Thread> tickers() {
        Thread.getAllStackTraces().keySet().findAll { it.name == 'status-line' } as Set
    }

    /** Waits (bounded) until the thread is blocked on a lock or has ended; returns its state. */
    private static Thread.State settle(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
        while (thread.state != Thread.State.BLOCKED && thread.state != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.sleep(5)
        }
        thread.state
    }

    /**
     * A console and a status line on one terminal. Each gets a PrintWriter of its own, so that only the console's
     * lock (not a shared PrintWriter's) can keep the status line from writing while a line is held mid-print.
     */
    private static Console console(HeldTerminal terminal) {
        def console = new Console(new PrintWriter(terminal), new PrintWriter(terminal))
        console.useStatusLine(new StatusLine(new PrintWriter(terminal), { '[stack install] 1.0s' }))
        console
    }

    def "the status line is removed under the console's lock: never while a line is being printed"() {
        given:
        def terminal = new HeldTerminal('held line')
        def console = console(terminal)
        Thread printer = Thread.start { console.summary('held line') }
        assert terminal.entered.await(20, TimeUnit.SECONDS)

        when: 'the run ends (or is interrupted) while the line is half printed'
        Thread ender = Thread.start { console.endStatusLine() }

        then: 'the end waits for the line'
        settle(ender) == Thread.State.BLOCKED

        cleanup:
        terminal.release.countDown()
        printer?.join(20000)
        ender?.join(20000)
    }

    def "the status line's ticker never draws in the middle of a line"() {
        given:
        def terminal = new HeldTerminal('held line')
        Set<Thread> before = tickers()
        def console = console(terminal)
        Thread ticker = (tickers() - before).first()
        Thread printer = Thread.start { console.summary('held line') }
        assert terminal.entered.await(20, TimeUnit.SECONDS)

        expect: 'the ticker waits for the console at its next redraw instead of drawing over the held line'
        settle(ticker) == Thread.State.BLOCKED
        terminal.duringHold.length() == 0

        cleanup:
        terminal.release.countDown()
        printer?.join(20000)
        console.endStatusLine()
    }

    def "after the last words of an interrupt nothing more reaches the terminal, but the log gets every line"() {
        given:
        def terminal = new StringWriter()
        def console = new Console(new PrintWriter(terminal), new PrintWriter(terminal))
        def log = RunLog.open(dir.resolve('stack.sh.log'), 'now', Clock.systemUTC())
        console.useLog(log)

        when:
        console.lastWords { it.error('stack.sh interrupted during stack install') }
        console.error('stack install: command failed with exit code 130')
        console.summary('a plugin goes on')

        then:
        terminal.toString().readLines() == ['[ERROR] stack.sh interrupted during stack install']
        Files.readString(log.file()).contains('command failed with exit code 130')
        Files.readString(log.file()).contains('a plugin goes on')
    }

    /** A log whose file is /dev/full: every write fails with "No space left on device". */
    private RunLog fullLog() {
        Files.createSymbolicLink(dir.resolve('stack.sh.log.full'), Path.of('/dev/full'))
        RunLog.open(dir.resolve('stack.sh.log'), 'full', Clock.systemUTC())
    }

    def "a log that cannot be written is raised once, in the run's thread, naming the file and the cause"() {
        given:
        def console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        console.useLog(fullLog())

        when:
        console.summary('first line')

        then:
        LogWriteException e = thrown()
        e.message == "cannot write the log file ${dir.resolve('stack.sh.log.full')}: No space left on device"
        e.exitCode() == 1
        e.hint().contains("free space on the file system that holds $dir")

        when: 'the run reports it'
        console.error(e.message)
        console.summary('more')

        then:
        notThrown(LogWriteException)
        console.logFailure().isPresent()
    }

    def "a log that cannot be written never throws in another thread (an interrupt's report, a plugin's thread)"() {
        given:
        def terminal = new StringWriter()
        def console = new Console(new PrintWriter(terminal), new PrintWriter(terminal))
        console.useLog(fullLog())
        Throwable thrownThere = null

        when:
        Thread other = Thread.start {
            try {
                console.error('stack.sh interrupted during stack install')
            } catch (Throwable t) {
                thrownThere = t
            }
        }
        other.join(20000)

        then:
        thrownThere == null
        terminal.toString().contains('stack.sh interrupted during stack install')

        when: 'the run thread writes its next line'
        console.detail('next')

        then:
        thrown(LogWriteException)
    }
}
