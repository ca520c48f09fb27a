package org.proofhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.platform.InvalidConfigurationException;

/** Working days as the 3-working-day rule of 001 art. 5 counts them: weekends, public holidays and 调休 days. */
class WorkingDayCalendarTest {
    static final WorkingDayCalendar SHIPPED = WorkingDayCalendar.load(Path.of("list/working-days.calendar.yaml"), "list/working-days.calendar.yaml");

    @Test
    void weekendsAndHolidaysAreDaysOffAndMakeUpDaysAreWorked() {
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2026, 11, 26))).as("a Thursday").isTrue();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2026, 11, 28))).as("a Saturday").isFalse();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2026, 10, 5))).as("国庆节, a Monday").isFalse();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2026, 10, 10))).as("国庆节调休上班, a Saturday").isTrue();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2026, 2, 17))).as("春节").isFalse();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2026, 2, 14))).as("春节调休上班").isTrue();
    }

    @Test
    void aChangeCausedOnFridayAndPublishedOnWednesdayTookThreeWorkingDays() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertThat(SHIPPED.workingDaysBetween(friday, LocalDate.of(2026, 11, 25))).isEqualTo(3);
        assertThat(SHIPPED.workingDaysBetween(friday, LocalDate.of(2026, 11, 26))).isEqualTo(4);
        assertThat(SHIPPED.workingDaysBetween(friday, friday)).isZero();
        assertThat(SHIPPED.plusWorkingDays(friday, 3)).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void theNationalDayWeekCountsOnlyTheDaysWorked() {
        // caused on Wed 30 Sep: 1–7 Oct off, Thu 8 and Fri 9 worked, Sat 10 worked (调休): due on 10 Oct
        LocalDate cause = LocalDate.of(2026, 9, 30);
        assertThat(SHIPPED.plusWorkingDays(cause, 3)).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(SHIPPED.workingDaysBetween(cause, LocalDate.of(2026, 10, 9))).isEqualTo(2);
        // the make-up Sunday before it is worked too
        assertThat(SHIPPED.workingDaysBetween(LocalDate.of(2026, 9, 18), LocalDate.of(2026, 9, 21))).isEqualTo(2);
    }

    @Test
    void aYearTheFileDoesNotListCountsMondayToFriday() {
        assertThat(SHIPPED.covers(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2027, 1, 1))).as("a Friday without holiday data").isTrue();
        assertThat(WorkingDayCalendar.weekendsOnly().workingDaysBetween(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 8))).as("Fri 2, Mon 5 to Thu 8").isEqualTo(5);
    }

    @Test
    void aBrokenCalendarFileIsReportedWithFileAndKey(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("cal.yaml");
        Files.writeString(f, """
                years: [2026]
                holidays:
                  - {name: 国庆节, from: 2026-10-07, to: 2026-10-01}
                workdays:
                  - {date: 2026-10-08, name: 调休}
                """);
        assertThatThrownBy(() -> WorkingDayCalendar.load(f, "list/cal.yaml"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("list/cal.yaml: holidays[0].to: 国庆节 ends (2026-10-01) before it begins (2026-10-07)")
                .hasMessageContaining("list/cal.yaml: workdays[0].date: 2026-10-08 is a THURSDAY");
        Files.writeString(f, "years: [2026]\nholidays: []\n");
        assertThatThrownBy(() -> WorkingDayCalendar.load(f, "list/cal.yaml")).hasMessageContaining("list/cal.yaml: workdays");
    }

    @Test
    void listsThatContradictEachOtherAreRefused() {
        assertThatThrownBy(() -> WorkingDayCalendar.of(Set.of(2026), List.of(new WorkingDayCalendar.Holiday("国庆节", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 7))), List.of(new WorkingDayCalendar.Workday(LocalDate.of(2026, 10, 3), "x"))))
                .hasMessageContaining("is both worked and part of 国庆节");
    }
}
