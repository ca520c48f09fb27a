package org.proofhub.hub.platform;

import java.util.List;

/** A capability's lines for the start-up report, e.g. the demo accounts and how to log in. */
public interface StartupNote {

    /** @param baseUrl where the hub answers, e.g. {@code http://localhost:8080} */
    List<String> lines(String baseUrl);
}
