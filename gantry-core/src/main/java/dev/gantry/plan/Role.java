package dev.gantry.plan;

import java.util.List;

/**
 * A role people hold for this release (engineering lead, QA lead, security, product owner):
 * the unit of sign-offs and approvals.
 *
 * @param id how the plan refers to the role
 * @param title the role's name in documents
 * @param members who holds it; empty when not yet assigned
 */
public record Role(String id, String title, List<String> members) {
    public Role {
        members = List.copyOf(members);
    }
}
