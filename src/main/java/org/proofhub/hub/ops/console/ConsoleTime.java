package org.proofhub.hub.ops.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times as the console shows them: Beijing time to the second ({@code ${@consoleTime.format(at)}} in templates). */
@Component("consoleTime")
public class ConsoleTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    public String format(Instant at) {
        return at == null ? "—" : FORMAT.format(at);
    }
}
