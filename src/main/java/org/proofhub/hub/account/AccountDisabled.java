package org.proofhub.hub.account;

/**
 * An administrator disabled an account (published after the change is committed): whatever the account held — a verification
 * post, for one — goes on without it.
 */
public record AccountDisabled(String username, String unitCode, HubUser by) {
}
