package org.proofhub.hub.account;

import java.util.Set;

/** The authenticated person behind a request: account, unit and roles. */
public record HubUser(String username, String displayName, String unitCode, Set<Role> roles) {
    public boolean has(Role role) {
        return roles.contains(role);
    }
}
