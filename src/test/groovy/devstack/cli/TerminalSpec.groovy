package devstack.cli

import spock.lang.Specification

/**
 * What the program sends a terminal beyond plain lines, decided from the run's own environment and terminal (a
 * spare JVM runs another process's command): the status line, colours, and coloured help as picocli would.
 */
class TerminalSpec extends Specification {
    def "the status line is drawn only on a terminal that understands escape codes (TERM=#term, terminal: #interactive)"() {
        expect:
        new Terminal(term == null ? [:] : [TERM: term], interactive).allowsStatusLine() == drawn

        where:
        term    | interactive | drawn
        'xterm' | true        | true
        null    | true        | true
        'dumb'  | true        | false
        'xterm' | false       | false
    }

    def "help is coloured as picocli decides it, from the run's environment: #env, terminal: #interactive"() {
        expect:
        new Terminal(env, interactive).colouredHelp() == coloured

        where:
        env                                   | interactive | coloured
        [TERM: 'xterm']                       | true        | true
        [TERM: 'xterm']                       | false       | false
        [TERM: 'xterm', CLICOLOR_FORCE: '1']  | false       | true
        [TERM: 'xterm', CLICOLOR_FORCE: '0']  | false       | false
        [TERM: 'xterm', CLICOLOR: '0']        | true        | false
        [TERM: 'xterm', NO_COLOR: '1']        | true        | false
        [TERM: 'xterm', NO_COLOR: '']         | true        | true
        [TERM: 'dumb', CLICOLOR_FORCE: '1']   | true        | false
        [TERM: 'xterm', NO_COLOR: '1', CLICOLOR_FORCE: '1'] | true | false
    }
}
