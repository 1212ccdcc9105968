# test_localrc.py - unit tests of the devstack_localrc_lines filter (roles/write-devstack-local-conf), run by
# test-on-one-machine.sh once ansible-core is installed:
#   PYTHONPATH=ansible/roles/write-devstack-local-conf/filter_plugins python3 -m unittest discover -s ansible/test

import unittest

from ansible.errors import AnsibleFilterError

from localrc import devstack_localrc_lines


class LocalrcLinesTest(unittest.TestCase):

    def test_keeps_the_order_given_when_no_setting_uses_another(self):
        self.assertEqual(devstack_localrc_lines({'B': '1', 'A': '2', 'C': '3'}), ['B=1', 'A=2', 'C=3'])

    def test_writes_a_setting_after_the_ones_its_value_uses(self):
        settings = {'LOGFILE': '$DEST/logs/x.log', 'NOTE': '"${SERVICE_HOST} and $LOGFILE"',
                    'DEST': '/srv/stack', 'SERVICE_HOST': '10.0.0.1'}
        self.assertEqual(devstack_localrc_lines(settings), [
            'DEST=/srv/stack', 'LOGFILE=$DEST/logs/x.log', 'SERVICE_HOST=10.0.0.1',
            'NOTE="${SERVICE_HOST} and $LOGFILE"'])

    def test_a_setting_may_extend_itself_and_use_names_it_does_not_set(self):
        self.assertEqual(devstack_localrc_lines({'PATH': '$PATH:$HOME/bin'}), ['PATH=$PATH:$HOME/bin'])

    def test_writes_booleans_as_devstack_does_and_none_as_empty(self):
        self.assertEqual(devstack_localrc_lines({'A': True, 'B': False, 'C': None, 'D': 7}),
                         ['A=True', 'B=False', 'C=', 'D=7'])

    def test_refuses_settings_that_use_each_other_in_a_circle(self):
        with self.assertRaisesRegex(AnsibleFilterError, r'in a circle: A -> B -> A'):
            devstack_localrc_lines({'A': '$B', 'B': '${A}'})

    def test_refuses_what_is_not_a_variable_name(self):
        for name in ('1A', 'A-B', 'A B', ''):
            with self.subTest(name=name), self.assertRaisesRegex(AnsibleFilterError, 'is not a variable name'):
                devstack_localrc_lines({name: 'x'})

    def test_refuses_a_value_on_several_lines_or_not_a_single_value(self):
        with self.assertRaisesRegex(AnsibleFilterError, 'A spans several lines'):
            devstack_localrc_lines({'A': 'one\ntwo'})
        with self.assertRaisesRegex(AnsibleFilterError, 'B must be a single value, not a list'):
            devstack_localrc_lines({'B': ['x']})

    def test_refuses_what_is_not_a_dictionary(self):
        with self.assertRaisesRegex(AnsibleFilterError, 'must be a dictionary'):
            devstack_localrc_lines(['A=1'])


if __name__ == '__main__':
    unittest.main()
