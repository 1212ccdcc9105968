package devstack.system

import spock.lang.Specification

/** Reading /proc: the identity (start time) and process group of a pid. */
class ProcessTableSpec extends Specification {
    ProcessTable table = new ProcessTable()

    def "a stat line is read from the last parenthesis on, whatever the process calls itself: #name"() {
        given:
        String line = "4242 ($name) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615"

        when:
        def stat = ProcessTable.parseStat(4242, line)

        then:
        stat.pid() == 4242
        stat.name() == name
        stat.state() == 'S' as char
        stat.processGroup() == 4240
        stat.startTicks() == 987654

        where:
        name << ['sleep', 'my service', 'evil) R 1 2 3', '(x)']
    }

    def "this process is alive, has a start time, and a zombie counts as dead"() {
        given:
        long self = ProcessHandle.current().pid()

        expect:
        table.isAlive(self)
        table.stat(self).get().startTicks() > 0
        table.commandLine(self).contains('java')
        ProcessTable.parseStat(1, '1 (x) Z 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0').isZombie()
    }

    def "a pid that does not exist has no status and no group members"() {
        expect:
        !table.stat(Integer.MAX_VALUE).isPresent()
        !table.isAlive(Integer.MAX_VALUE)
        table.groupMembers(Integer.MAX_VALUE).isEmpty()
        table.commandLine(Integer.MAX_VALUE) == ''
    }
}
