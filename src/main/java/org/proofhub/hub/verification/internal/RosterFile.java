package org.proofhub.hub.verification.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A roster file read and checked against the hub's units and accounts: every problem is named by file and
 * key ({@code rosters.yaml: units[2].pairs[0].b: account 'x' does not exist}), and nothing is applied unless
 * the whole file is right. Gaps that do not make the file wrong (an A agent without backup, a unit without
 * agents) come back as warnings.
 *
 * <pre>
 * units:
 *   - unit: GAJ
 *     supervisor: gaj.supervisor
 *     pairs:
 *       - {a: gaj.agent, b: gaj.agent.b}
 * </pre>
 */
record RosterFile(String name, Map<String, List<RosterStore.PostRow>> posts, List<String> warnings) {

    static RosterFile read(String location, ResourceLoader resources, Accounts accounts) {
        return read(resources.getResource(location), location, accounts);
    }

    /** A roster from {@code resource}; {@code location} names it in problems when the resource has no file name. */
    static RosterFile read(Resource resource, String location, Accounts accounts) {
        String file = resource.getFilename() == null ? location : resource.getFilename();
        JsonNode root;
        try (InputStream in = resource.getInputStream()) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw HubException.badRequest("invalid-roster", file + ": cannot be read: " + e.getMessage()).with("file", location);
        }
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, List<RosterStore.PostRow>> posts = new Checker(file, accounts, problems, warnings).units(root);
        if (!problems.isEmpty()) {
            throw HubException.badRequest("invalid-roster", String.join("; ", problems)).with("file", location);
        }
        return new RosterFile(file, posts, warnings);
    }

    private static final class Checker {
        private final String file;
        private final Accounts accounts;
        private final List<String> problems;
        private final List<String> warnings;
        private final Set<String> seen = new LinkedHashSet<>();

        Checker(String file, Accounts accounts, List<String> problems, List<String> warnings) {
            this.file = file;
            this.accounts = accounts;
            this.problems = problems;
            this.warnings = warnings;
        }

        Map<String, List<RosterStore.PostRow>> units(JsonNode root) {
            Map<String, List<RosterStore.PostRow>> result = new LinkedHashMap<>();
            JsonNode units = root == null ? null : root.get("units");
            if (units == null || !units.isArray()) {
                problems.add(file + ": units: a list of units is required");
                return result;
            }
            Set<String> unitCodes = accounts.units().stream().map(Accounts.Unit::code).collect(Collectors.toSet());
            for (int i = 0; i < units.size(); i++) {
                JsonNode u = units.get(i);
                String at = file + ": units[" + i + "]";
                String unit = u.path("unit").asText("");
                if (!unitCodes.contains(unit)) {
                    problems.add(at + ".unit: unknown unit '" + unit + "'");
                } else if (result.containsKey(unit)) {
                    problems.add(at + ".unit: unit " + unit + " appears twice");
                } else {
                    result.put(unit, unit(u, unit, at));
                }
            }
            return result;
        }

        private List<RosterStore.PostRow> unit(JsonNode u, String unit, String at) {
            List<RosterStore.PostRow> posts = new ArrayList<>();
            String supervisor = u.path("supervisor").asText("");
            if (person(at + ".supervisor", supervisor, unit, Role.SUPERVISOR)) {
                posts.add(new RosterStore.PostRow(unit, supervisor, RosterStore.SUPERVISOR, null, true));
            }
            JsonNode pairs = u.path("pairs");
            for (int j = 0; j < pairs.size(); j++) {
                String pairAt = at + ".pairs[" + j + "]";
                String a = pairs.get(j).path("a").asText("");
                String b = pairs.get(j).path("b").asText("");
                boolean aOk = person(pairAt + ".a", a, unit, Role.AGENT);
                boolean bOk = !b.isEmpty() && person(pairAt + ".b", b, unit, Role.AGENT);
                if (aOk) {
                    posts.add(new RosterStore.PostRow(unit, a, RosterStore.A, bOk ? b : null, true));
                }
                if (bOk) {
                    posts.add(new RosterStore.PostRow(unit, b, RosterStore.B, aOk ? a : null, true));
                }
                if (aOk && b.isEmpty()) {
                    warnings.add(pairAt + ": agent " + a + " of " + unit + " has no B backup (AB 岗)");
                }
            }
            if (posts.stream().noneMatch(RosterStore.PostRow::isAgent)) {
                warnings.add(at + ": unit " + unit + " has no agent: nobody is on duty, its requests go to the supervisor");
            }
            return posts;
        }

        private boolean person(String at, String username, String unit, Role role) {
            if (username.isEmpty()) {
                problems.add(at + ": an account name is required");
                return false;
            }
            Optional<HubUser> user = accounts.find(username);
            String problem = null;
            if (user.isEmpty()) {
                problem = "account '" + username + "' does not exist or is disabled";
            } else if (!unit.equals(user.get().unitCode())) {
                problem = "account '" + username + "' belongs to unit " + user.get().unitCode() + ", not " + unit;
            } else if (!user.get().has(role)) {
                problem = "account '" + username + "' lacks the role " + role;
            } else if (!seen.add(username)) {
                problem = "account '" + username + "' holds another post already; one post per person";
            }
            if (problem != null) {
                problems.add(at + ": " + problem);
            }
            return problem == null;
        }
    }
}
