# localrc.py - the [[local|localrc]] lines of local.conf, from the devstack_localrc dictionary
#
# local.conf is read line by line, so a setting must be written after the settings its value uses
# ($NAME or ${NAME}). The lines keep the dictionary's order, except that a setting used by another one moves
# before it, as DevStack's write-devstack-local-conf role orders them. A bad name, a value that is not one line,
# or settings that use each other in a circle are errors that name the setting.

import re

from ansible.errors import AnsibleFilterError

_NAME = re.compile(r'[A-Za-z_][A-Za-z0-9_]*\Z')
_USED = re.compile(r'\$\{?([A-Za-z_][A-Za-z0-9_]*)')


def _value(name, value):
    """The text written after NAME=: booleans as DevStack's True/False, nothing for None."""
    if value is None:
        return ''
    if isinstance(value, bool):
        return 'True' if value else 'False'
    if isinstance(value, (dict, list)):
        raise AnsibleFilterError(
            'devstack_localrc: %s must be a single value, not a %s' % (name, type(value).__name__))
    text = str(value)
    if '\n' in text or '\r' in text:
        raise AnsibleFilterError(
            'devstack_localrc: the value of %s spans several lines; a localrc setting is one line' % name)
    return text


def devstack_localrc_lines(settings):
    """NAME=value lines for the settings, each after the settings its value uses."""
    if not isinstance(settings, dict):
        raise AnsibleFilterError('devstack_localrc must be a dictionary of NAME: value, got %r' % (settings,))
    values = {}
    for name, value in settings.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise AnsibleFilterError(
                "devstack_localrc: '%s' is not a variable name (letters, digits and _, not starting with a digit)"
                % (name,))
        values[name] = _value(name, value)

    ordered = []
    written = set()
    path = []

    def write(name):
        if name in written:
            return
        if name in path:
            circle = path[path.index(name):] + [name]
            raise AnsibleFilterError(
                'devstack_localrc: these settings use each other in a circle: %s' % ' -> '.join(circle))
        path.append(name)
        for used in _USED.findall(values[name]):
            # A setting may extend itself (PATH=$PATH:...); a name that is not in the dictionary is the
            # host's business (a default or the environment).
            if used != name and used in values:
                write(used)
        path.pop()
        written.add(name)
        ordered.append(name)

    for name in values:
        write(name)
    return ['%s=%s' % (name, values[name]) for name in ordered]


class FilterModule(object):
    def filters(self):
        return {'devstack_localrc_lines': devstack_localrc_lines}
