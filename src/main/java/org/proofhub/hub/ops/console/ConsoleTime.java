package org.proofhub.hub.ops.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times as the console shows them: Beijing time to the second ({@code ${@consoleTime.format(at)}} in templates). */
@Component("consoleTime")
public class ConsoleTime {
    /** The console's time zone: Beijing time. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    public String format(Instant at) {
        return at == null ? "—" : FORMAT.format(at);
    }
}
