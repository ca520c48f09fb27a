package org.proofhub.hub.platform;

/**
 * Published when a call is refused with 403 by the hub's own rules (a {@link HubException}), as opposed to a role
 * check of Spring Security: the audit trail records both (SPEC §7.3).
 *
 * @param username the account refused
 * @param resource what it asked for (method and path)
 * @param reason   the problem type
 */
public record AccessRefused(String username, String resource, String reason) {
}
