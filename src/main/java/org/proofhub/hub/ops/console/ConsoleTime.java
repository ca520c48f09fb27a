package org.proofhub.hub.ops.console;

import java.time.Instant;
import org.proofhub.hub.platform.BeijingTime;
import org.springframework.stereotype.Component;

/** Times as the console shows them: Beijing time to the second ({@code ${@consoleTime.format(at)}} in templates). */
@Component("consoleTime")
public class ConsoleTime {
    public String format(Instant at) {
        return at == null ? "—" : BeijingTime.TO_SECOND.format(at);
    }
}
