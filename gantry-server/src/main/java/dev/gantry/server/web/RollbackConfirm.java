package dev.gantry.server.web;

/**
 * The confirmation before a rollout is aborted and rolled back.
 *
 * @param chrome the frame
 * @param product the product
 * @param version the version
 * @param rollout the rollout as it stands
 */
public record RollbackConfirm(Chrome chrome, String product, String version, RolloutPanel rollout) {}
