package dev.gantry.cli.remote;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gantry comms}: a release's communications on the control plane. */
@Command(name = "comms", mixinStandardHelpOptions = true,
        description = "List, read and approve a release's communication drafts on the control plane.",
        subcommands = {CommsListCommand.class, CommsShowCommand.class, CommsApproveCommand.class})
public final class CommsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
