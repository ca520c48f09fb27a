package org.proofhub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.platform.logging.MaskingMessageConverter;

class MaskingTest {

    @Test
    void identifiersInFreeTextAreMasked() {
        String text = "row 11010519491231002X of 91350100M000100Y43 failed; legacy 110105491231002; order 12345";
        String masked = Masking.maskIdentifiers(text);
        assertThat(masked).doesNotContain("11010519491231002X").doesNotContain("91350100M000100Y43").doesNotContain("110105491231002")
                .contains("110***********002X").contains("913***********0Y43").contains("110********1002").contains("order 12345");
    }

    @Test
    void namesAreMaskedButTheSurnameStays() {
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("欧阳")).isEqualTo("欧*");
    }

    @Test
    void theLogConverterMasksWhateverALoggerWasGiven() {
        MaskingMessageConverter converter = new MaskingMessageConverter();
        LoggingEvent event = new LoggingEvent("x", new LoggerContext().getLogger("t"), Level.INFO, "subject {} refused", null,
                new Object[]{"11010519491231002X"});
        assertThat(converter.convert(event)).isEqualTo("subject 110***********002X refused");
    }
}
