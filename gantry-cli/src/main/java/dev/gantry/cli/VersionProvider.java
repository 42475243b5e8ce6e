package dev.gantry.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version of the running distribution from the jar manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"gantry " + (version == null ? "development build" : version)};
    }
}
