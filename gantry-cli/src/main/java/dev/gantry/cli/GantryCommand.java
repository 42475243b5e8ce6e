package dev.gantry.cli;

import picocli.CommandLine.Command;

/**
 * The root {@code gantry} command. Each capability registers its subcommand here, one line
 * each, in the order they appear in {@code gantry --help}.
 */
@Command(
        name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Release readiness and progressive delivery: check the plan, gate the release, roll it out.",
        subcommands = {
            dev.gantry.cli.plan.CheckCommand.class,
            dev.gantry.cli.plan.PlanCommand.class,
            dev.gantry.cli.env.EnvCommand.class,
            dev.gantry.cli.config.ConfigCommand.class,
            dev.gantry.cli.migrate.MigrateCommand.class,
            dev.gantry.cli.impact.AnalyzeCommand.class,
            dev.gantry.cli.docs.DocsCommand.class,
            dev.gantry.cli.upgrade.UpgradeCommand.class,
            dev.gantry.cli.gate.GateCommand.class,
            dev.gantry.cli.signoff.SignoffCommand.class,
            dev.gantry.cli.freeze.FreezeCommand.class,
            dev.gantry.cli.deploy.DeployCommand.class,
            dev.gantry.cli.deploy.RollbackCommand.class,
            dev.gantry.cli.export.ExportCommand.class,
            dev.gantry.cli.serve.ServeCommand.class,
            dev.gantry.cli.remote.LoginCommand.class,
            dev.gantry.cli.remote.ReleaseCommand.class,
            dev.gantry.cli.remote.FlagsCommand.class,
            dev.gantry.cli.remote.RolloutCommand.class,
            dev.gantry.cli.remote.SegmentsCommand.class,
            dev.gantry.cli.remote.AuditCommand.class,
            dev.gantry.cli.remote.CommsCommand.class,
            dev.gantry.cli.review.ReviewCommand.class,
        })
public final class GantryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
