package dev.gantry.flags.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it receives. */
final class RecordingListener implements GantryListener {
    final List<SnapshotChange> snapshots = new CopyOnWriteArrayList<>();
    final List<StatusChange> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshotChanged(SnapshotChange change) {
        snapshots.add(change);
    }

    @Override
    public void onStatusChanged(StatusChange change) {
        statuses.add(change);
    }

    List<String> messages() {
        return statuses.stream().flatMap(s -> s.message().stream()).toList();
    }
}
