package devstack.system

import spock.lang.Specification

/** How run_process's arguments become the command line that starts a service process. */
class ProcessCommandSpec extends Specification {

    def "run_process(#group, #user, #env) as #current, root=#root starts #argv"() {
        expect:
        ProcessCommand.of('my-service --port 80', group, user, env).argv(current, root) == argv

        where:
        group  | user    | env           | current | root  || argv
        ''     | ''      | ''            | 'stack' | false || ['setsid', '/bin/sh', '-c', 'exec my-service --port 80']
        null   | null    | null          | 'stack' | false || ['setsid', '/bin/sh', '-c', 'exec my-service --port 80']
        'kvm'  | ''      | ''            | 'stack' | false || ['setsid', 'sg', 'kvm', '-c', 'exec my-service --port 80']
        ''     | 'nova'  | ''            | 'root'  | true  || ['setsid', 'runuser', '-u', 'nova', '--', '/bin/sh', '-c', 'exec my-service --port 80']
        ''     | 'nova'  | ''            | 'stack' | false || ['setsid', 'sudo', '-n', '-u', 'nova', '/bin/sh', '-c', 'exec my-service --port 80']
        ''     | 'stack' | ''            | 'stack' | false || ['setsid', '/bin/sh', '-c', 'exec my-service --port 80']
        'kvm'  | 'nova'  | ''            | 'root'  | true  || ['setsid', 'runuser', '-u', 'nova', '-g', 'kvm', '--', '/bin/sh', '-c', 'exec my-service --port 80']
        'kvm'  | 'nova'  | ''            | 'stack' | false || ['setsid', 'sudo', '-n', '-u', 'nova', '-g', 'kvm', '/bin/sh', '-c', 'exec my-service --port 80']
        ''     | ''      | 'A=1 B="x y"' | 'stack' | false || ['setsid', 'env', 'A=1', 'B=x y', '/bin/sh', '-c', 'exec my-service --port 80']
        'kvm'  | ''      | 'A=1'         | 'stack' | false || ['setsid', 'env', 'A=1', 'sg', 'kvm', '-c', 'exec my-service --port 80']
        ''     | 'nova'  | 'A=1'         | 'root'  | true  || ['setsid', 'runuser', '-u', 'nova', '--', 'env', 'A=1', '/bin/sh', '-c', 'exec my-service --port 80']
    }

    def "a simple command of plain words is run with exec, so that its pid is the service's own: #command"() {
        expect:
        ProcessCommand.of(command, '', '', '').shellCommand() == shell

        where:
        command                        || shell
        '/opt/demo/demo.sh 5 /tmp/hb'  || 'exec /opt/demo/demo.sh 5 /tmp/hb'
        'exec sleep 30'                || 'exec sleep 30'
        'LANG=C sleep 30'              || 'LANG=C sleep 30'
        'sleep 30; echo done'          || 'sleep 30; echo done'
        'sleep "30"'                   || 'sleep "30"'
        'while :; do sleep 1; done'    || 'while :; do sleep 1; done'
        'echo hi'                      || 'echo hi'
    }

    def "the program checked before starting is the command's first plain word: #command"() {
        expect:
        ProcessCommand.of(command, '', '', '').program() == Optional.ofNullable(program)

        where:
        command                              || program
        'nova-compute --config-file x'       || 'nova-compute'
        '/usr/bin/python3 -m http.server'    || '/usr/bin/python3'
        'LANG=C PYTHONUNBUFFERED=1 uwsgi x'  || 'uwsgi'
        'exec sleep 30'                      || 'sleep'
        'while :; do sleep 1; done'          || null
        'echo hi; sleep 30'                  || null
        '"quoted program" arg'               || null
        '$NOVA_BIN/nova-api'                 || null
        'A=1'                                || null
    }

    def "a program is found on the PATH given, or by its path: #program"() {
        expect:
        ProcessCommand.of("$program --flag", '', '', env).missingProgram(path) == Optional.ofNullable(missing)

        where:
        program              | path                | env             || missing
        'sh'                 | '/usr/bin:/bin'     | ''              || null
        'sh'                 | '/nonexistent'      | ''              || 'sh'
        'sh'                 | '/nonexistent'      | 'PATH=/bin'     || null
        '/bin/sh'            | ''                  | ''              || null
        '/bin/no-such-xyz'   | '/bin'              | ''              || '/bin/no-such-xyz'
        'no-such-xyz'        | '/usr/bin:/bin'     | ''              || 'no-such-xyz'
    }

    def "an empty command is refused: '#command'"() {
        when:
        ProcessCommand.of(command, '', '', '')

        then:
        IllegalArgumentException e = thrown()
        e.message == 'the command is empty'

        where:
        command << ['', '   ', null]
    }

    def "a command given as its words quotes each word, so blanks, quotes and \$ reach the program as they are"() {
        given:
        def command = ProcessCommand.of(['/opt/it\'s here/bin/svc', '--name', 'a b', '$HOME'], '', '', '')

        expect:
        command.shellCommand() == "exec '/opt/it'\\''s here/bin/svc' '--name' 'a b' '\$HOME'"
        command.program() == Optional.of('/opt/it\'s here/bin/svc')
        ['/bin/sh', '-c', command.shellCommand().replaceFirst('exec ', 'printf "%s|" ')].execute().text ==
                "/opt/it's here/bin/svc|--name|a b|\$HOME|"
    }
}
