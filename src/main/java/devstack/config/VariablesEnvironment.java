package devstack.config;

/** Shell expansion over the run's variables, with {@code $(command)} handed to a substitution. */
final class VariablesEnvironment implements ShellWords.Environment {
    private final Variables variables;
    private final Localrc.CommandSubstitution commands;

    VariablesEnvironment(Variables variables, Localrc.CommandSubstitution commands) {
        this.variables = variables;
        this.commands = commands;
    }

    @Override
    public String get(String name) {
        return variables.getString(name);
    }

    @Override
    public boolean isSet(String name) {
        return variables.isSet(name);
    }

    @Override
    public void assign(String name, String value) {
        variables.set(name, value);
    }

    @Override
    public String runCommand(String command) {
        return commands.run(command, variables.exported());
    }
}
