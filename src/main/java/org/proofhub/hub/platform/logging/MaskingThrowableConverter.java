package org.proofhub.hub.platform.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import org.proofhub.hub.platform.Masking;

/**
 * {@code %maskedEx}: stack traces with identifiers masked, since drivers quote offending values
 * in their messages (e.g. a unique-key violation).
 */
public class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Masking.maskIdentifiers(super.throwableProxyToString(tp));
    }
}
