package org.proofhub.hub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.platform.InvalidConfigurationException;
import org.proofhub.hub.platform.YamlFiles;

/**
 * Working days (工作日) in China: Monday to Friday, except public holidays, plus the weekend days worked
 * instead (调休上班). Holidays change every year by State Council notice, so they come from a file
 * ({@code hub.catalog.calendar}); a year the file does not list counts Monday to Friday only.
 */
public final class WorkingDayCalendar {

    /** One public holiday period, both ends included. */
    public record Holiday(String name, LocalDate from, LocalDate to) {
    }

    /** A weekend day that is worked (调休上班). */
    public record Workday(LocalDate date, String name) {
    }

    private record CalendarFile(List<Integer> years, List<Holiday> holidays, List<Workday> workdays) {
    }

    private final Set<Integer> years;
    private final Map<LocalDate, String> holidays = new HashMap<>();
    private final Map<LocalDate, String> workdays = new HashMap<>();

    private WorkingDayCalendar(Set<Integer> years, List<Holiday> holidayList, List<Workday> workdayList) {
        this.years = Set.copyOf(years);
        for (Holiday h : holidayList) {
            for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                holidays.put(d, h.name());
            }
        }
        workdayList.forEach(w -> workdays.put(w.date(), w.name()));
    }

    /** A calendar from lists (tests, or a file read elsewhere); throws when the lists contradict each other. */
    public static WorkingDayCalendar of(Set<Integer> years, List<Holiday> holidays, List<Workday> workdays) {
        List<ConfigProblem> problems = check(years, holidays, workdays, "calendar");
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new WorkingDayCalendar(years, holidays, workdays);
    }

    /** Only weekends are days off: for a calendar without holiday data. */
    public static WorkingDayCalendar weekendsOnly() {
        return new WorkingDayCalendar(Set.of(), List.of(), List.of());
    }

    /** Reads and checks a calendar file; a bad file stops the start naming file and key. */
    public static WorkingDayCalendar load(Path file, String name) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode node = YamlFiles.read(file, name, YamlFiles.bundledSchema("working-day-calendar"), problems);
        if (node == null) {
            throw new InvalidConfigurationException(problems);
        }
        CalendarFile f = YamlFiles.convert(node, CalendarFile.class, name);
        problems.addAll(check(new TreeSet<>(f.years()), f.holidays(), f.workdays(), name));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new WorkingDayCalendar(new TreeSet<>(f.years()), f.holidays(), f.workdays());
    }

    private static List<ConfigProblem> check(Set<Integer> years, List<Holiday> holidays, List<Workday> workdays, String file) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < holidays.size(); i++) {
            Holiday h = holidays.get(i);
            if (h.to().isBefore(h.from())) {
                problems.add(new ConfigProblem(file, "holidays[" + i + "].to", h.name() + " ends (" + h.to() + ") before it begins (" + h.from() + ")"));
            }
            if (!years.contains(h.from().getYear()) && !years.contains(h.to().getYear())) {
                problems.add(new ConfigProblem(file, "holidays[" + i + "]", h.name() + " is not in a year the file declares in 'years' " + years));
            }
        }
        for (int i = 0; i < workdays.size(); i++) {
            Workday w = workdays.get(i);
            if (!isWeekend(w.date())) {
                problems.add(new ConfigProblem(file, "workdays[" + i + "].date", w.date() + " is a " + w.date().getDayOfWeek()
                        + ": only a Saturday or Sunday can be a make-up working day (调休上班)"));
            }
            for (Holiday h : holidays) {
                if (!w.date().isBefore(h.from()) && !w.date().isAfter(h.to())) {
                    problems.add(new ConfigProblem(file, "workdays[" + i + "].date", w.date() + " is both worked and part of " + h.name()));
                }
            }
        }
        return problems;
    }

    public boolean isWorkingDay(LocalDate date) {
        if (workdays.containsKey(date)) {
            return true;
        }
        return !isWeekend(date) && !holidays.containsKey(date);
    }

    /** Whether the file lists the holidays of {@code date}'s year (otherwise only weekends are days off). */
    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    /**
     * The working days after {@code from} up to and including {@code to}: a change caused on a Friday and
     * published the next Wednesday took 3 working days. Zero when {@code to} is not after {@code from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The day {@code days} working days after {@code from}: the last day a change caused on {@code from} is on time. */
    public LocalDate plusWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        for (int left = days; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
