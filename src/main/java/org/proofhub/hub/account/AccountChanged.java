package org.proofhub.hub.account;

/**
 * An administrator changed an account's unit, roles or whether it is enabled (published after the change is committed):
 * whatever the account held and may no longer hold — a verification post, for one — goes on without it.
 *
 * @param username the account
 * @param unitCode its unit before the change
 * @param by       the administrator
 */
public record AccountChanged(String username, String unitCode, HubUser by) {
}
