package devstack.console

import spock.lang.Specification

/** The one masking of the run: which text is hidden, and which is left alone (docs/configuration.md, Secrets). */
class SecretMaskSpec extends Specification {

    def "a secret of #length characters in '#text' shows as '#shown'"() {
        given:
        def mask = new SecretMask({ [ADMIN_PASSWORD: secret] })

        expect:
        mask.apply(text) == shown

        where:
        secret       | text                                    || shown
        // 8 characters or more: hidden wherever it occurs, also glued to other text.
        'Xk3j9aQ2w'  | 'mysql -uroot -pXk3j9aQ2w -h db'        || 'mysql -uroot -p****** -h db'
        'Xk3j9aQ2w'  | 'keyXk3j9aQ2wkey'                       || 'key******key'
        'Xk3j9aQ2w'  | 'a Xk3j9aQ2w and Xk3j9aQ2w'             || 'a ****** and ******'
        // Shorter: hidden where it stands as a word of its own, or after a one-letter option...
        'stack'      | 'ADMIN_PASSWORD=stack'                  || 'ADMIN_PASSWORD=******'
        'stack'      | '--password stack --user admin'         || '--password ****** --user admin'
        'stack'      | 'user:stack@db'                         || 'user:******@db'
        'stack'      | '"password": "stack"'                   || '"password": "******"'
        'stack'      | 'the password is stack.'                || 'the password is ******.'
        'stack'      | 'mysql -pstack -h db'                   || 'mysql -p****** -h db'
        'stack'      | 'stack'                                 || '******'
        // ...never inside a file name, a path or a longer word, where hiding it would give it away.
        'stack'      | './stack.sh completed in 3.1 seconds.'  || './stack.sh completed in 3.1 seconds.'
        'stack'      | 'log in /opt/stack/logs/stack.sh.log'   || 'log in /opt/stack/logs/stack.sh.log'
        'stack'      | 'mkdir -p /opt/stack'                   || 'mkdir -p /opt/stack'
        'stack'      | 'devstack stacked stack_user stack-1'   || 'devstack stacked stack_user stack-1'
        'stack'      | 'x-pstack'                              || 'x-pstack'
        // Too short to hide without hiding unrelated text, and flags: left alone.
        'abc'        | 'exit code abc'                         || 'exit code abc'
        'True'       | 'VERBOSE=True'                          || 'VERBOSE=True'

        length = secret.length()
    }

    def "a secret of several lines (a PEM key) is hidden line by line, however the text is cut"() {
        given:
        String pem = '''-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7
Vt2mJaM0lF0W3c5Yg8tR2d1b3lNn6Q7PpXk==
-----END PRIVATE KEY-----
'''
        def mask = new SecretMask({ [TLS_SECRET: pem] })

        expect: 'the value whole, one line of it, and a line with text around it'
        mask.apply(pem) == '******\n******\n******\n******\n'
        mask.apply('Vt2mJaM0lF0W3c5Yg8tR2d1b3lNn6Q7PpXk==') == '******'
        mask.apply('key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7 (truncated)') == 'key: ****** (truncated)'
    }

    def "the host's own phrases are left whole, so that a password such as 'stack' does not give itself away"() {
        given:
        def mask = new SecretMask({ [ADMIN_PASSWORD: 'stack'] }, ['stack install', 'stack post-config'])

        expect:
        mask.apply('[ERROR] stack install in extras.d/50-x.groovy:3: login stack failed') ==
                '[ERROR] stack install in extras.d/50-x.groovy:3: login ****** failed'
        mask.apply('[stack post-config: extras.d/50-x.groovy] 1.2s') == '[stack post-config: extras.d/50-x.groovy] 1.2s'
        mask.apply('stack installer') == '****** installer'
    }

    def "a secret that contains another is hidden whole"() {
        given:
        def mask = new SecretMask({ [A_PASSWORD: 'hunter2hunter2', B_PASSWORD: 'hunter2x'] })

        expect:
        mask.apply('pw=hunter2hunter2') == 'pw=******'
    }

    def "only variables whose names hold PASSWORD, SECRET or TOKEN are secrets: #name"() {
        given:
        def mask = new SecretMask({ [(name): 'value-of-the-setting'] })

        expect:
        mask.apply('x value-of-the-setting y') == (hidden ? 'x ****** y' : 'x value-of-the-setting y')

        where:
        name               || hidden
        'ADMIN_PASSWORD'   || true
        'SERVICE_TOKEN'    || true
        'TLS_SECRET'       || true
        'secret_lowercase' || false
        'DEST'             || false
    }

    def "credentials in a URL are hidden whether or not a setting names them: #url"() {
        expect:
        SecretMask.none().apply("cloning $url now") == "cloning $shown now"

        where:
        url                                              || shown
        'https://user:s3cr3t@git.example.com/org/x.git'  || 'https://user:******@git.example.com/org/x.git'
        'https://ghp_abcdef123456@github.com/org/x.git'  || 'https://******@github.com/org/x.git'
        'http://oauth2:tok@gitlab.example.com/x'         || 'http://oauth2:******@gitlab.example.com/x'
        'git+https://u:p%40ss@example.com/x'             || 'git+https://u:******@example.com/x'
        'ssh://git@example.com/org/x.git'                || 'ssh://git@example.com/org/x.git'
        'https://example.com/a@b'                        || 'https://example.com/a@b'
        'https://opendev.org/openstack/devstack'         || 'https://opendev.org/openstack/devstack'
    }

    def "values too short to hide are named, for a warning"() {
        given:
        def mask = new SecretMask({ [ADMIN_PASSWORD: 'ab', SERVICE_TOKEN: 'long-enough', KEY_SECRET: 'True',
                                     DEST: 'x', DB_PASSWORD: ''] })

        expect:
        mask.tooShortToHide() == ['ADMIN_PASSWORD']
    }

    def "a plugin that changes a secret while another thread masks never makes the mask fail or leak"() {
        given: 'a plain map, as the run variables are, changed by a second thread all the time'
        Map<String, Object> variables = new LinkedHashMap<>([ADMIN_PASSWORD: 'Xk3j9aQ2w'])
        def mask = new SecretMask({ variables })
        boolean stop = false
        Thread writer = Thread.start {
            int i = 0
            while (!stop) {
                variables.put("GLOBAL_" + (i++ % 50), 'x')
                variables.remove("GLOBAL_" + (i % 50))
            }
        }

        when:
        List<String> shown = (1..20000).collect { mask.apply('pw Xk3j9aQ2w') }

        then:
        shown.every { it == 'pw ******' || it == '******' }

        cleanup:
        stop = true
        writer?.join(10000)
    }
}
