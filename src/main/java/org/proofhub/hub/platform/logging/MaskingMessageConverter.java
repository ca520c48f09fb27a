package org.proofhub.hub.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.proofhub.hub.platform.Masking;

/** {@code %maskedMsg}: the log message with every citizen ID and USCC masked, whoever logged it. */
public class MaskingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Masking.maskIdentifiers(super.convert(event));
    }
}
