package dev.gantry.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry audit}: the control plane's audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the control plane's audit log.",
        subcommands = {AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
