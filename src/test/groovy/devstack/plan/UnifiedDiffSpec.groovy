package devstack.plan

import spock.lang.Specification

/** The dry run's diffs: what diff -u prints, hunks and all, in memory that grows with the change. */
class UnifiedDiffSpec extends Specification {
    def "one changed line in the middle of a file is one hunk with three lines of context"() {
        given:
        def before = (1..20).collect { "line $it".toString() }
        def after = new ArrayList(before)
        after[9] = 'changed'

        expect:
        UnifiedDiff.of('a', 'b', before, after) == ['--- a', '+++ b', '@@ -7,7 +7,7 @@',
                                                   'line 7', 'line 8', 'line 9', '-line 10', '+changed', 'line 11',
                                                   'line 12', 'line 13'].collect { it.startsWith('-') || it.startsWith('+') || it.startsWith('@') ? it : ' ' + it }
    }

    def "changes far apart are two hunks; changes close together are one"() {
        given:
        def before = (1..40).collect { "l$it".toString() }
        def after = new ArrayList(before)
        after[2] = 'x'
        after[35] = 'y'
        def near = new ArrayList(before)
        near[2] = 'x'
        near[6] = 'y'

        expect:
        UnifiedDiff.of('a', 'a', before, after).findAll { it.startsWith('@@') } == ['@@ -1,6 +1,6 @@', '@@ -33,7 +33,7 @@']
        UnifiedDiff.of('a', 'a', before, near).findAll { it.startsWith('@@') } == ['@@ -1,10 +1,10 @@']
    }

    def "a new file is all added lines from line 0, as diff -u prints it against /dev/null"() {
        expect:
        UnifiedDiff.of('/dev/null', 'f', [], ['a', 'b']) == ['--- /dev/null', '+++ f', '@@ -0,0 +1,2 @@', '+a', '+b']
    }

    def "an insertion and a removal are found as the shortest edit"() {
        expect:
        UnifiedDiff.of('a', 'a', ['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e']) ==
                ['--- a', '+++ a', '@@ -1,4 +1,4 @@', ' a', '-b', ' c', ' d', '+e']
    }

    def "equal contents give no diff at all"() {
        expect:
        UnifiedDiff.of('a', 'a', ['x'], ['x']) == []
    }

    def "two edits of a 6,000-line file take memory for the change, not for the file"() {
        given:
        def before = (1..6000).collect { "option_$it = value".toString() }
        def after = new ArrayList(before)
        after.add(1, 'new_option = 1')
        after[4000] = 'option_4000 = changed'

        when:
        def diff = UnifiedDiff.of('big.conf', 'big.conf', before, after)

        then: 'both changes, each in its own hunk, without an n×m table (which would need 144 MB of ints)'
        diff.findAll { it.startsWith('@@') }.size() == 2
        diff.contains('+new_option = 1')
        diff.contains('+option_4000 = changed')
        diff.contains('-option_4000 = value')
    }

    def "a change too large to search is shown as the old text replaced by the new"() {
        given:
        def before = (1..3000).collect { "a$it".toString() }
        def after = (1..3000).collect { "b$it".toString() }

        when:
        def diff = UnifiedDiff.of('f', 'f', before, after)

        then:
        diff.count { it.startsWith('-a') } == 3000
        diff.count { it.startsWith('+b') } == 3000
    }
}
