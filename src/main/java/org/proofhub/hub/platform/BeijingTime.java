package org.proofhub.hub.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The hub's civil time: Beijing time. Instants are stored and exchanged in UTC; whatever a person reads — a date on a
 * proof, a time on the console, the day a list comes into force — is Beijing time, and so is every source system's
 * date. One place for the zone and for the few ways the hub writes a time; the formatters format an {@link Instant} in
 * Beijing time (and a {@link LocalDate} as it is) and, like every {@link DateTimeFormatter}, may be shared by threads.
 */
public final class BeijingTime {
    /** Beijing time (China Standard Time, UTC+8, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** {@code 2026-11-20 11:04:05}: the console's and the verify page's time. */
    public static final DateTimeFormatter TO_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
    /** {@code 2026-11-20 11:04}: a time in a Chinese reason or refusal. */
    public static final DateTimeFormatter TO_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
    /** {@code 20261120}: the date inside an identifier ({@code EP-20261120-…}). */
    public static final DateTimeFormatter DAY_DIGITS = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZONE);
    /** {@code 2026年11月20日}: a date as a letter or a proof writes it. */
    public static final DateTimeFormatter WRITTEN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(ZONE);
    /** {@code 2026年11月20日 11:04}: a time as a letter or a proof's content writes it. */
    public static final DateTimeFormatter WRITTEN_TO_MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(ZONE);
    /** {@code 2026年11月20日 11:04:05}: a time as a proof's PDF writes it. */
    public static final DateTimeFormatter WRITTEN_TO_SECOND = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss").withZone(ZONE);

    private BeijingTime() {
    }

    /** The Beijing date of {@code at}. */
    public static LocalDate date(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }

    /** Today in Beijing, by {@code clock}. */
    public static LocalDate today(Clock clock) {
        return date(clock.instant());
    }

    /** The first instant of {@code day} in Beijing. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
