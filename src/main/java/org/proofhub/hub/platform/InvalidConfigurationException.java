package org.proofhub.hub.platform;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/** The connector and mapping files do not validate; carries every problem found, each naming file and key. */
public class InvalidConfigurationException extends HubException {
    private final List<ConfigProblem> problems;

    public InvalidConfigurationException(List<ConfigProblem> problems) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-configuration", "Invalid connector or mapping configuration",
                problems.size() + " problem(s) in the connector and mapping files:\n"
                        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        with("problems", problems.stream().map(ConfigProblem::toString).toList());
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
