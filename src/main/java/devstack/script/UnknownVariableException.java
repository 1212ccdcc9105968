package devstack.script;

import devstack.DevstackException;

/**
 * A plugin read a name that is no setting, global or local. Upper-case names never get here (an unset one reads
 * as the empty string, as in bash), so this is nearly always a misspelt local.
 */
public class UnknownVariableException extends DevstackException {
    public UnknownVariableException(String name) {
        super(FAILED, "no variable named '" + name + "'",
                "settings and globals are upper-case (an unset one reads as ''); declare a local with def "
                        + name + " = ...");
    }
}
