package org.proofhub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BeijingTimeTest {
    // 16:30 UTC on the 20th is half past midnight on the 21st in Beijing
    private static final Instant LATE_UTC = Instant.parse("2026-11-20T16:30:05Z");

    @Test
    void anInstantLateInTheUtcDayIsTheNextDayInBeijing() {
        assertThat(BeijingTime.date(LATE_UTC)).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(BeijingTime.today(Clock.fixed(LATE_UTC, ZoneOffset.UTC))).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(BeijingTime.date(Instant.parse("2026-11-20T15:59:59Z"))).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(BeijingTime.DAY_DIGITS.format(LATE_UTC)).isEqualTo("20261121");
    }

    @Test
    void aDayStartsAtSixteenHundredUtcTheDayBefore() {
        assertThat(BeijingTime.startOf(LocalDate.of(2026, 11, 21))).isEqualTo(Instant.parse("2026-11-20T16:00:00Z"));
    }

    @Test
    void timesAreWrittenInBeijingTime() {
        assertThat(BeijingTime.TO_SECOND.format(LATE_UTC)).isEqualTo("2026-11-21 00:30:05");
        assertThat(BeijingTime.TO_MINUTE.format(LATE_UTC)).isEqualTo("2026-11-21 00:30");
        assertThat(BeijingTime.WRITTEN_DATE.format(LATE_UTC)).isEqualTo("2026年11月21日");
        assertThat(BeijingTime.WRITTEN_DATE.format(LocalDate.of(2027, 1, 5))).isEqualTo("2027年1月5日");
        assertThat(BeijingTime.WRITTEN_TO_MINUTE.format(LATE_UTC)).isEqualTo("2026年11月21日 00:30");
        assertThat(BeijingTime.WRITTEN_TO_SECOND.format(LATE_UTC)).isEqualTo("2026年11月21日 00:30:05");
    }
}
